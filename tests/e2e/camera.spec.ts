import { test, expect } from '@playwright/test';
import { answer } from './helpers';
import { ANSWER, axeViolations, endToReport, fakeCameraLaunch, liveSmiles, startCameraInterview } from './camera-helpers';

// The fake-camera flag is per browser process: one clip per spec file.
test.use({ launchOptions: fakeCameraLaunch('face_smiling_4s.y4m') });
test('a face is found, the smile signal is high, and the signals persist with the session and show on the report timeline', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await startCameraInterview(page);
  await expect(page.getByTestId('camera-status')).toHaveAttribute('data-face', 'true');
  // The model came from the local model folder through the verified model manager.
  expect(requests).toContain('/models/mediapipe/face_landmarker.task');
  const smiles = await liveSmiles(page, 5);
  expect(Math.min(...smiles), `live smiles ${smiles.join(', ')}`).toBeGreaterThan(0.6);
  await expect(page.getByTestId('camera-status')).toContainText('Face found');
  // The room with the camera on (preview, status, receipt open) is accessible.
  await page.getByTestId('privacy-receipt').locator('summary').click();
  expect(await axeViolations(page)).toEqual([]);

  // Let a few seconds of signals accumulate in the first answer, then answer and end.
  await page.waitForTimeout(2500);
  await answer(page, ANSWER);
  await page.waitForTimeout(1500);
  await endToReport(page);

  const section = page.getByTestId('camera-report');
  await expect(section).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('camera-timeline')).toBeVisible();
  await expect(page.getByTestId('camera-timeline').locator('[data-series=smile]')).toHaveAttribute('d', /^M/);
  expect(await page.getByTestId('camera-band').count()).toBeGreaterThanOrEqual(1);
  const first = page.getByTestId('camera-answer').first();
  expect(Number(await first.getAttribute('data-smile'))).toBeGreaterThan(0.6);
  expect(Number(await first.getAttribute('data-presence'))).toBeGreaterThan(0.9);
  await expect(page.getByTestId('camera-summary')).toContainText('You smiled often');
  expect(await axeViolations(page)).toEqual([]);
  // Persisted in IndexedDB with the session: a reload (a fresh read of the log) shows the same figures.
  await page.reload();
  await expect(page.getByTestId('camera-answer').first()).toHaveAttribute('data-smile', (await first.getAttribute('data-smile')) ?? 'x');
  // And numbers only: the stored camera events hold no image data.
  const stored = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('interview-simulator');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const rows = await new Promise<{ event: { type: string } }[]>((res, rej) => {
      const r = db.transaction('events').objectStore('events').getAll();
      r.onsuccess = () => res(r.result as { event: { type: string } }[]);
      r.onerror = () => rej(r.error);
    });
    return rows.filter((x) => x.event.type === 'camera').map((x) => JSON.stringify(x.event));
  });
  expect(stored.length).toBeGreaterThan(0);
  for (const json of stored) {
    expect(json).not.toMatch(/data:|blob:|base64/);
    const keys = new Set(Object.keys((JSON.parse(json) as { buckets: Record<string, unknown>[] }).buckets[0] ?? {}));
    expect([...keys].sort()).toEqual(['away', 'blinks', 'brow', 'face', 'frames', 'looking', 'movement', 'ms', 'smile', 'speaking', 't']);
  }
});
