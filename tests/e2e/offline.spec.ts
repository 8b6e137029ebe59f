import { test, expect } from '@playwright/test';
import { answer, ensureServiceWorker } from './helpers';

test('c. offline after one visit: reload from the service worker, then start and finish an interview', async ({ page, context }) => {
  await page.goto('/#/');
  await ensureServiceWorker(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await page.getByRole('button', { name: 'Start practice' }).click();
  await answer(page, 'At my last job I was responsible for on-call. I wrote runbooks and I automated restarts, and as a result pages dropped by 60 percent within a quarter.');
  await page.getByRole('button', { name: 'End interview' }).click();
  await page.getByRole('button', { name: 'End and see report' }).click();
  await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
  // Lazy screens come from the precache too.
  await page.getByRole('link', { name: 'History' }).first().click();
  await expect(page.getByTestId('history-table')).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});

test('PWA: a manifest with icons, and model files are never precached', async ({ page, request }) => {
  await page.goto('/');
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifestHref).toBeTruthy();
  const manifest = (await (await request.get(manifestHref!)).json()) as { name: string; icons: { src: string; sizes: string; purpose?: string }[]; display: string };
  expect(manifest.name).toBe('AI Interview Simulator');
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) {
    const r = await request.get(`/${icon.src}`);
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toContain('image/png');
  }
  const sw = await (await request.get('/sw.js')).text();
  const precached = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1] ?? '');
  expect(precached).toContain('index.html');
  expect(precached.filter((u) => /^models\/|\.(onnx|task|tflite|bin|safetensors)$/.test(u))).toEqual([]);
  // The pages and scripts are cross-origin isolated.
  const res = await request.get('/');
  expect(res.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers()['cross-origin-embedder-policy']).toBe('require-corp');
});
