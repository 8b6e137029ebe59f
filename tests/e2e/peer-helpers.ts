import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export interface Pair {
  interviewer: Page;
  candidate: Page;
  contexts: BrowserContext[];
}

/** Two people on one machine: two browser contexts of one Chromium (separate storage, shared fake devices). */
export async function twoPeople(browser: Browser): Promise<{ a: Page; b: Page; contexts: BrowserContext[] }> {
  const ca = await browser.newContext();
  const cb = await browser.newContext();
  // The app exposes window.__peer (to send raw messages) only when this flag is set before it loads.
  for (const c of [ca, cb]) await c.addInitScript(() => ((window as unknown as { __peerTestHooks: boolean }).__peerTestHooks = true));
  const a = await ca.newPage();
  const b = await cb.newPage();
  for (const p of [a, b]) p.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  return { a, b, contexts: [ca, cb] };
}

/**
 * Pair `host` (who creates the invitation) with `guest`, carrying the codes between the pages as a user
 * pasting them would. Returns when both show "Connected".
 */
export async function pair(host: Page, guest: Page, opts: { hostRole?: 'interviewer' | 'candidate'; media?: boolean } = {}): Promise<void> {
  for (const p of [host, guest]) {
    if (!(await p.evaluate(() => location.hash.startsWith('#/peer')))) await p.goto('/#/peer');
    await expect(p.getByRole('heading', { name: 'Practise with a partner' })).toBeVisible();
    if (opts.media) await p.getByLabel('Use my camera and microphone for the call').check();
  }
  if (opts.hostRole) {
    const roles = host.getByRole('group', { name: 'I will be the' });
    if (await roles.isVisible()) await roles.getByLabel(opts.hostRole).check();
  }
  await host.getByRole('button', { name: /Create (a new )?invitation/ }).click();
  const offer = (await host.getByTestId('offer-code').inputValue()).trim();
  expect(offer).toMatch(/^P1\./);
  await guest.getByTestId('offer-input').fill(offer);
  await guest.getByRole('button', { name: 'Answer invitation' }).click();
  await expect(guest.getByTestId('answer-code')).toHaveValue(/^P1\./);
  const answer = (await guest.getByTestId('answer-code').inputValue()).trim();
  await host.getByTestId('answer-input').fill(answer);
  await host.getByRole('button', { name: 'Connect' }).click();
  await expect(host.getByTestId('peer-status')).toHaveAttribute('data-link', 'open', { timeout: 20_000 });
  await expect(guest.getByTestId('peer-status')).toHaveAttribute('data-link', 'open', { timeout: 20_000 });
}

/** Add a transcript line through the typed path (the same controller call the speech-to-text uses). */
export async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId('say-input').fill(text);
  await page.getByRole('button', { name: 'Add line' }).click();
}
