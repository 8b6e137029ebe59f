import { test, expect } from '@playwright/test';
import { answer } from './helpers';

const TYPED = 'At my last job I was responsible for the on-call rota. I rewrote the runbooks and I automated restarts, and as a result pages dropped by 60 percent.';

test('no speech voices in the browser: captions carry the question and the interview goes on', async ({ page }) => {
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await expect(page.getByTestId('tts-status')).toHaveText(/Voice unavailable in this browser: reading captions/, { timeout: 15_000 });
  await answer(page, TYPED);
  await expect(page.getByTestId('question')).not.toHaveAttribute('data-prompt-id', '0');
});

test('microphone permission denied: a clear message, and typed answers keep working', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await page.getByLabel('Voice').check();
  await expect(page.getByTestId('voice-panel')).toHaveAttribute('data-phase', 'error', { timeout: 60_000 });
  await expect(page.getByTestId('voice-panel')).toContainText(/microphone/i);
  await expect(page.getByTestId('voice-panel')).toContainText(/allow|permission|denied/i);
  await answer(page, TYPED);
  await expect(page.getByTestId('question')).not.toHaveAttribute('data-prompt-id', '0');
});

test('the speech model cannot be downloaded: typed answers with a message, and Retry loads it later', async ({ page, context }) => {
  await context.route('**/models/**', (route) => route.abort('internetdisconnected'));
  await context.route(/huggingface\.co/, (route) => route.abort('internetdisconnected'));
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await page.getByLabel('Voice').check();
  await expect(page.getByTestId('voice-error')).toContainText('could not be loaded', { timeout: 30_000 });
  await answer(page, TYPED);
  // The network is back: Retry loads the model and voice answers start.
  await context.unrouteAll();
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('voice-panel')).toBeVisible({ timeout: 60_000 });
  // Nothing half-downloaded was kept from the failed attempt: the model was verified and cached whole.
  const cached = await page.evaluate(async () => (await (await caches.open('models-v1')).keys()).map((r) => new URL(r.url).pathname));
  expect(cached).toContain('/models/Xenova/whisper-tiny/onnx/decoder_model_merged_quantized.onnx');
});
