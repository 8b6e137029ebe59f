import { test, expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { answer } from './helpers';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(20, 24, 31)' } as const;

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`f. axe-core finds no violations on every screen (${scheme} theme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto('/#/');
    await expect(page.getByRole('heading', { name: 'Practise a job interview' })).toBeVisible();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND[scheme]);
    const found: Record<string, string[]> = {};
    found.home = await violations(page);

    await page.goto('/#/profiles');
    await expect(page.getByLabel('Profile name')).toBeVisible();
    found.profiles = await violations(page);
    await page.getByLabel('Profile name').fill('Axe');
    await page.getByLabel('Target role').fill('Data analyst');
    await page.getByLabel(/Job description/).fill('SQL, Python and Tableau. Dashboards for finance.');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await expect(page.getByTestId('profiles')).toContainText('Axe');
    found.profilesList = await violations(page);

    await page.goto('/#/setup');
    await expect(page.getByTestId('plan-preview')).toBeVisible();
    found.setup = await violations(page);

    await page.getByRole('button', { name: 'Start interview' }).click();
    await answer(page, 'At my last job I was responsible for the finance dashboards. I rebuilt them in Tableau and as a result month-end reporting took 2 days instead of 5.');
    await page.getByLabel('Your answer').fill('A draft answer');
    found.interview = await violations(page);
    await page.getByRole('button', { name: 'End interview' }).click();
    found.interviewConfirm = await violations(page);
    await page.getByRole('button', { name: 'End and see report' }).click();
    await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
    await page.getByText('Transcript').click();
    found.report = await violations(page);

    await page.goto('/#/history');
    await expect(page.getByTestId('history-table')).toBeVisible();
    found.history = await violations(page);

    await page.goto('/#/settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    found.settings = await violations(page);

    for (const [screen, list] of Object.entries(found)) expect(list, `${screen} (${scheme})`).toEqual([]);
  });
}

test('the theme setting overrides the system preference', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/#/settings');
  await page.getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND.dark);
  expect(await violations(page)).toEqual([]);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('Light').check();
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND.light);
});
