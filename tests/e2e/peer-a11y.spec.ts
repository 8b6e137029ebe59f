import { expect, test, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { pair, say, twoPeople } from './peer-helpers';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe-core finds no violations on the peer screens (${scheme} theme)`, async ({ browser }) => {
    const { a: interviewer, b: candidate, contexts } = await twoPeople(browser);
    for (const p of [interviewer, candidate]) await p.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    const found: Record<string, string[]> = {};
    await interviewer.goto('/#/peer');
    await expect(interviewer.getByRole('heading', { name: 'Practise with a partner' })).toBeVisible();
    found.pairing = await violations(interviewer);
    await interviewer.getByRole('button', { name: 'Create invitation' }).click();
    await expect(interviewer.getByTestId('peer-qr')).toBeVisible();
    found.invitation = await violations(interviewer);
    await pair(interviewer, candidate, { hostRole: 'interviewer' });
    await say(candidate, 'I led the migration and we cut costs by 30 percent.');
    await expect(interviewer.getByTestId('answer-so-far')).toContainText('migration');
    await interviewer.getByTestId('problem-select').selectOption('two-sum');
    await expect(candidate.getByTestId('shared-editor')).toBeVisible();
    found.interviewer = await violations(interviewer);
    found.candidate = await violations(candidate);
    await interviewer.goto('/#/settings');
    await expect(interviewer.getByTestId('ice-servers')).toBeVisible();
    found.settings = await violations(interviewer);
    expect(found).toEqual({ pairing: [], invitation: [], interviewer: [], candidate: [], settings: [] });
    for (const c of contexts) await c.close();
  });
}

test('pairing works from the keyboard alone', async ({ browser }) => {
  const { a: host, contexts } = await twoPeople(browser);
  await host.goto('/#/peer');
  await host.getByRole('heading', { name: 'Practise with a partner' }).waitFor();
  await host.getByLabel('interviewer').focus();
  await host.keyboard.press('Tab'); // past the role radio group
  for (let i = 0; i < 5 && !(await host.evaluate(() => document.activeElement?.textContent === 'Create invitation')); i++) await host.keyboard.press('Tab');
  await host.keyboard.press('Enter');
  await expect(host.getByTestId('offer-code')).toHaveValue(/^P1\./);
  for (const c of contexts) await c.close();
});
