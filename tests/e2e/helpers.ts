import { expect, type Page } from '@playwright/test';

export interface ProfileInput {
  name: string;
  role: string;
  seniority?: 'junior' | 'mid' | 'senior' | 'staff';
  type?: 'mixed' | 'behavioural' | 'technical' | 'coding';
  minutes?: number;
  jobDescription?: string;
}

export async function createProfile(page: Page, p: ProfileInput): Promise<void> {
  await page.goto('/#/profiles');
  const newButton = page.getByRole('button', { name: 'New profile' });
  await expect(page.getByLabel('Profile name').or(newButton)).toBeVisible();
  if (await newButton.isVisible()) await newButton.click();
  await page.getByLabel('Profile name').fill(p.name);
  await page.getByLabel('Target role').fill(p.role);
  await page.getByLabel('Seniority').selectOption(p.seniority ?? 'mid');
  await page.getByLabel('Interview type').selectOption(p.type ?? 'mixed');
  await page.getByLabel('Length (minutes)').fill(String(p.minutes ?? 20));
  if (p.jobDescription) await page.getByLabel(/Job description/).fill(p.jobDescription);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByTestId('profiles')).toContainText(p.name);
}

/** The shown prompt's id, read in one step (a locator would wait for the element if the room just closed). */
export async function currentPromptId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('[data-testid=question]')?.getAttribute('data-prompt-id') ?? null);
}

/** Type an answer and send it; resolves when the next prompt (or the report) is shown. */
export async function answer(page: Page, text: string): Promise<void> {
  const before = await currentPromptId(page);
  await page.getByLabel('Your answer').fill(text);
  await page.getByRole('button', { name: 'Send answer' }).click();
  await waitForNext(page, before);
}

export async function waitForNext(page: Page, before: string | null): Promise<void> {
  await expect
    .poll(async () => {
      if (await onReport(page)) return 'report';
      // Between the last answer and the report the room shows no prompt (null): keep waiting.
      return (await currentPromptId(page)) ?? before;
    })
    .not.toBe(before);
}

export async function questionText(page: Page): Promise<string> {
  return (await page.getByTestId('question').textContent())?.trim() ?? '';
}

/** On the report screen? (Reads location.hash in the page: page.url() can lag behind hash navigations.) */
export async function onReport(page: Page): Promise<boolean> {
  return page.evaluate(() => location.hash.startsWith('#/report/'));
}

/** "4:05" or "-0:12" → seconds. */
export function parseClock(text: string): number {
  const m = /^(-?)(\d+):(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`not a clock: ${text}`);
  const s = Number(m[2]) * 60 + Number(m[3]);
  return m[1] ? -s : s;
}

/** Wait until the service worker controls the page (after one reload if needed). */
export async function ensureServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
  }
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}
