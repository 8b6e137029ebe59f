/**
 * Speech-to-text on WebGPU: the WebGPU worker build (workers/stt-gpu.ts) in Chromium with
 * --enable-unsafe-webgpu (SwiftShader: a software adapter, slow, but a real WebGPU device). Automatic mode
 * keeps Whisper on WebAssembly for a software adapter; choosing the GPU runs it on WebGPU.
 */
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { SPEECH_FIXTURES } from './paths';
import { expectWer, fakeMicLaunch, firstSpokenAnswer, referenceText } from './voice-helpers';

const CLIP = 'librispeech_1089-134691-0001';
test.use({ launchOptions: fakeMicLaunch(join(SPEECH_FIXTURES, `${CLIP}_48k.wav`), ['--enable-unsafe-webgpu']) });

async function voiceWith(page: import('@playwright/test').Page, device: 'auto' | 'webgpu'): Promise<void> {
  await page.goto('/?rawmic#/settings');
  await page.getByLabel('Speech-to-text runs on').selectOption(device);
  await page.goto('/?rawmic#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await expect(page.getByTestId('question')).toHaveAttribute('data-prompt-id', '0');
  await page.getByLabel('Voice').check();
}

test('automatic: a software WebGPU adapter keeps Whisper on WebAssembly', async ({ page }) => {
  await voiceWith(page, 'auto');
  await expect(page.getByTestId('stt-device')).toHaveAttribute('data-device', 'wasm', { timeout: 90_000 });
});

test('chosen GPU: Whisper runs on WebGPU in its own worker build and transcribes the recording', async ({ page }) => {
  test.setTimeout(420_000);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await voiceWith(page, 'webgpu');
  await expect(page.getByTestId('stt-device')).toHaveAttribute('data-device', 'webgpu', { timeout: 300_000 });
  expect(workers.some((u) => /\/assets\/stt-gpu-[^/]+\.js$/.test(u))).toBe(true);
  const transcript = await firstSpokenAnswer(page, 300_000);
  console.log(`[stt-webgpu] "${transcript}"`);
  expectWer(referenceText(join(SPEECH_FIXTURES, `${CLIP}.txt`)), transcript, 0.35);
});
