import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { SPEECH_FIXTURES } from './paths';
import { expectWer, fakeMicLaunch, firstSpokenAnswer, referenceText, startVoiceInterview } from './voice-helpers';

// A real recording (LibriSpeech, 10.4 s) plays through the fake microphone once.
test.use({ launchOptions: fakeMicLaunch(join(SPEECH_FIXTURES, 'librispeech_1089-134686-0000_48k.wav')) });

test('a spoken answer (real recording) is transcribed on the device (WER ≤ 20 %), the interview advances, and the report shows the speaking rate', async ({ page }) => {
  const requests: URL[] = [];
  page.on('request', (r) => requests.push(new URL(r.url())));
  await startVoiceInterview(page);
  // The model came from the local model folder (MODELS_DIR), verified and cached, not from the internet.
  const origin = new URL(test.info().project.use.baseURL ?? '').origin;
  expect(requests.filter((u) => u.origin !== origin).map(String)).toEqual([]);
  expect(requests.map((u) => u.pathname)).toContain('/models/Xenova/whisper-tiny/onnx/encoder_model_quantized.onnx');

  const transcript = await firstSpokenAnswer(page);
  expectWer(referenceText(join(SPEECH_FIXTURES, 'librispeech_1089-134686-0000.txt')), transcript, 0.2);

  await page.getByRole('button', { name: 'End interview' }).click();
  await page.getByRole('button', { name: 'End and see report' }).click();
  await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
  const card = page.getByTestId('answer-card').first();
  await expect(card.getByText('Words per minute', { exact: true })).toBeVisible();
  const wpm = Number((await card.getByTestId('m-wpm').textContent())?.trim().split(' ')[0]);
  // About 29 words in about 10 s of speech.
  expect(wpm).toBeGreaterThan(110);
  expect(wpm).toBeLessThan(260);
  await expect(card.getByTestId('m-speaking')).toHaveText(/\d+ s/);
  await expect(card.getByTestId('m-pauses')).toHaveText(/^\d+/);
  await expect(page.getByTestId('totals')).toContainText('words/min');
  await expect(page.getByTestId('totals')).not.toContainText('(typed)');
});
