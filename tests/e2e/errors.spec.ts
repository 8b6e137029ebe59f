import { test, expect } from '@playwright/test';
import { appendFile, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { answer, currentPromptId } from './helpers';
import { serveStatic } from './static-server';

const root = new URL('../..', import.meta.url).pathname;

const TEXT = 'At my last job I was responsible for the billing migration. I planned it in three stages and I ran the cutover, and as a result we had zero downtime and saved 20 percent.';

test('storage full while sending an answer: a clear message, the answer stays in the box, and sending again works', async ({ page }) => {
  // Make IndexedDB writes of session events fail with QuotaExceededError while window.__quotaFull is set.
  await page.addInitScript(() => {
    const w = window as unknown as { __quotaFull?: boolean };
    for (const method of ['add', 'put'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
        if (w.__quotaFull && this.name === 'events') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  });
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await expect(page.getByTestId('question')).toBeVisible();
  const prompt = await currentPromptId(page);

  await page.evaluate(() => ((window as unknown as { __quotaFull: boolean }).__quotaFull = true));
  await page.getByLabel('Your answer').fill(TEXT);
  await page.getByRole('button', { name: 'Send answer' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'storage for the app is full' })).toBeVisible();
  // Nothing was lost: same question, the answer still in the box.
  expect(await currentPromptId(page)).toBe(prompt);
  await expect(page.getByLabel('Your answer')).toHaveValue(TEXT);

  await page.evaluate(() => ((window as unknown as { __quotaFull: boolean }).__quotaFull = false));
  await answer(page, TEXT);
  expect(await currentPromptId(page)).not.toBe(prompt);
  await page.getByRole('button', { name: 'End interview' }).click();
  await page.getByRole('button', { name: 'End and see report' }).click();
  await expect(page.getByTestId('transcript')).toContainText(TEXT);
  await expect(page.getByTestId('totals')).toContainText('1 answered');
});

test('unknown routes and missing sessions get a clear page, not a crash', async ({ page }) => {
  await page.goto('/#/nowhere');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.goto('/#/report/does-not-exist');
  await expect(page.getByRole('heading', { name: 'Report not found' })).toBeVisible();
  await page.goto('/#/interview/does-not-exist');
  await expect(page.getByRole('heading', { name: 'Interview not found' })).toBeVisible();
});

test('a new version of the service worker shows "new version available — reload"', async ({ page }, testInfo) => {
  // A copy of the production build on its own server, so the test can deploy a "new version" of sw.js.
  const site = testInfo.outputPath('site');
  await cp(join(root, 'dist'), site, { recursive: true });
  const server = await serveStatic(site);
  try {
    await page.goto(`${server.url}/#/`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect(page.getByText('A new version of the app is available.')).toHaveCount(0);

    await appendFile(join(site, 'sw.js'), `\n// new deployment ${Date.now()}\n`);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await expect(page.getByText('A new version of the app is available.')).toBeVisible();
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Reload to update' }).click();
    await reloaded;
    await expect(page.getByRole('heading', { name: 'Practise a job interview' })).toBeVisible();
    await expect(page.getByText('A new version of the app is available.')).toHaveCount(0);
  } finally {
    await server.close();
  }
});
