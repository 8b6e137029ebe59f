import { test, expect, type Request } from '@playwright/test';
import { join } from 'node:path';
import { answer } from './helpers';
import { SPEECH_FIXTURES } from './paths';
import { firstSpokenAnswer } from './voice-helpers';
import { ANSWER, endToReport, fakeCameraLaunch } from './camera-helpers';

// Camera (a real face clip) and microphone (a real recording, played once) both on.
test.use({ launchOptions: fakeCameraLaunch('face_neutral_then_smiling_6s.y4m', [`--use-file-for-fake-audio-capture=${join(SPEECH_FIXTURES, 'librispeech_1089-134686-0000_48k.wav')}%noloop`]) });

test('privacy: a whole interview with camera and microphone on makes requests only to the app itself (with canaries proving the interception works)', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const routed: string[] = [];
  const seen: string[] = [];
  // Every request of the context (page, dedicated workers) passes here; anything external is stopped.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    routed.push(url);
    return new URL(url).origin === origin ? route.continue() : route.abort('blockedbyclient');
  });
  context.on('request', (r: Request) => seen.push(r.url()));

  await page.goto('/?rawmic#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await expect(page.getByTestId('question')).toHaveAttribute('data-prompt-id', '0');
  await page.getByTestId('camera-on').click();
  await expect(page.getByTestId('camera-status')).toHaveAttribute('data-face', 'true', { timeout: 60_000 });
  await page.getByLabel('Voice').check();
  await expect(page.getByTestId('voice-panel')).toBeVisible({ timeout: 60_000 });
  const spoken = await firstSpokenAnswer(page);
  expect(spoken.length).toBeGreaterThan(20);
  await answer(page, ANSWER); // typed answers work next to voice

  // The receipt in the room: requests of the page and of the workers, none to another site.
  const receipt = page.getByTestId('privacy-receipt');
  await receipt.locator('summary').click();
  await expect(receipt).toHaveAttribute('data-external', '0');
  await expect.poll(async () => Number(await receipt.getAttribute('data-total'))).toBeGreaterThan(10);
  await expect(receipt.locator('table')).toContainText('worker:vision');
  await expect(receipt.locator('table')).toContainText('worker:stt');
  await expect(receipt.locator('table')).toContainText('/models/mediapipe/face_landmarker.task');

  await endToReport(page);
  await expect(page.getByTestId('camera-report')).toBeVisible({ timeout: 15_000 });
  // The spoken answer's frames were marked by the voice activity detector: "looking away while speaking" was measured.
  expect(await page.getByTestId('camera-answer').first().getAttribute('data-away')).toMatch(/^\d/);

  // Turning the camera off closed MediaPipe, whose usage-statistics POST (to googleapis.com) was answered
  // inside the worker and never sent; the receipt in Settings says so.
  await page.evaluate(() => (location.hash = '#/settings')); // same document: the receipt keeps this visit's requests
  const settingsReceipt = page.getByTestId('privacy-receipt');
  await expect(settingsReceipt.getByTestId('privacy-blocked')).toContainText('answered on this device', { timeout: 15_000 });
  await expect(settingsReceipt).toHaveAttribute('data-external', '0');

  // Everything so far went to the app's own origin (models included: served from /models/).
  const external = routed.filter((u) => new URL(u).origin !== origin);
  expect(external, 'external requests').toEqual([]);
  expect(routed.some((u) => u.includes('/models/mediapipe/face_landmarker.task'))).toBe(true);
  expect(routed.some((u) => /vision_wasm_module_internal-[\w-]+\.wasm$/.test(u)), 'the vision worker fetched its WebAssembly through the interception').toBe(true);
  expect(seen.filter((u) => new URL(u).origin !== origin)).toEqual([]);

  // Canaries: an external fetch from the page and from a worker are caught by the same interception.
  const pageCanary = 'https://canary.invalid/from-page';
  const workerCanary = 'https://canary.invalid/from-worker';
  expect(await page.evaluate((u) => fetch(u).then(() => 'sent', () => 'stopped'), pageCanary)).toBe('stopped');
  expect(
    await page.evaluate(
      (u) =>
        new Promise<string>((resolve) => {
          const src = `fetch(${JSON.stringify(u)}).then(() => postMessage('sent'), () => postMessage('stopped'))`;
          const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
          w.onmessage = (e) => resolve(String(e.data));
          w.onerror = (e) => resolve(`error ${e.message}`);
        }),
      workerCanary,
    ),
  ).toBe('stopped');
  await expect.poll(() => routed.includes(pageCanary)).toBe(true);
  await expect.poll(() => routed.includes(workerCanary)).toBe(true);
  expect(routed.filter((u) => new URL(u).origin !== origin).sort()).toEqual([pageCanary, workerCanary].sort());
});

