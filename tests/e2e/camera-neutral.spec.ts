import { test, expect } from '@playwright/test';
import { answer, ensureServiceWorker } from './helpers';
import { ANSWER, endToReport, fakeCameraLaunch, liveSmiles, startCameraInterview } from './camera-helpers';

// The fake-camera flag is per browser process: one clip per spec file.
test.use({ launchOptions: fakeCameraLaunch('face_neutral_4s.y4m') });
test('a face is found and the smile signal stays low, live and on the report', async ({ page }) => {
  await startCameraInterview(page);
  await expect(page.getByTestId('camera-status')).toHaveAttribute('data-face', 'true');
  const smiles = await liveSmiles(page, 5);
  expect(Math.max(...smiles), `live smiles ${smiles.join(', ')}`).toBeLessThan(0.1);
  await expect(page.getByTestId('camera-status')).toHaveAttribute('data-looking', 'true');
  await page.waitForTimeout(2500);
  await answer(page, ANSWER);
  await endToReport(page);
  const first = page.getByTestId('camera-answer').first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  expect(Number(await first.getAttribute('data-smile'))).toBeLessThan(0.1);
  await expect(page.getByTestId('camera-summary')).toContainText('Little or no smiling');
});

test('the face model cannot be downloaded: camera off with a message, the interview goes on', async ({ page, context }) => {
  await context.route('**/models/mediapipe/**', (route) => route.fulfill({ status: 404, body: 'not here' }));
  // Not self-hosted, so the public host is next: unreachable too (as on these machines, but also with internet).
  await context.route(/storage\.googleapis\.com/, (route) => route.abort('internetdisconnected'));
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await page.getByTestId('camera-on').click();
  await expect(page.getByTestId('camera-error')).toContainText(/face model could not be loaded/i, { timeout: 30_000 });
  await expect(page.getByTestId('camera-panel')).toHaveAttribute('data-phase', 'off');
  await answer(page, ANSWER);
  await expect(page.getByTestId('question')).not.toHaveAttribute('data-prompt-id', '0');
});

test('camera permission denied: a clear message, the interview goes on', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await page.getByTestId('camera-on').click();
  await expect(page.getByTestId('camera-error')).toContainText(/camera access was denied/i, { timeout: 15_000 });
  await answer(page, ANSWER);
  await expect(page.getByTestId('question')).not.toHaveAttribute('data-prompt-id', '0');
});

test('no camera on the device: a clear message, the interview goes on', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
  });
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await page.getByTestId('camera-on').click();
  await expect(page.getByTestId('camera-error')).toContainText(/no camera was found/i, { timeout: 15_000 });
  await expect(page.getByTestId('camera-panel')).toHaveAttribute('data-phase', 'off');
  await answer(page, ANSWER);
  await expect(page.getByTestId('question')).not.toHaveAttribute('data-prompt-id', '0');
});

test('offline after one use: camera cues start again with no network (worker precached, WebAssembly and model cached)', async ({ page, context }) => {
  await page.goto('/#/');
  await ensureServiceWorker(page);
  await startCameraInterview(page);
  await page.getByTestId('camera-off').click();
  await expect(page.getByTestId('camera-on')).toBeVisible();

  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  // The interview comes back paused after a reload; frames are analysed only while it runs.
  await page.getByRole('button', { name: 'Resume interview' }).click();
  await page.getByTestId('camera-on').click();
  await expect(page.getByTestId('camera-status')).toHaveAttribute('data-face', 'true', { timeout: 60_000 });
});
