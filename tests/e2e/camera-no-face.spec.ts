import { test, expect } from '@playwright/test';
import { answer } from './helpers';
import { ANSWER, endToReport, fakeCameraLaunch, startCameraInterview } from './camera-helpers';

// The fake-camera flag is per browser process: one clip per spec file.
test.use({ launchOptions: fakeCameraLaunch('no_face_2s.y4m') });
test('no face in the picture: "no face" live and 0 % presence on the report', async ({ page }) => {
  await startCameraInterview(page);
  await expect(page.getByTestId('camera-status')).toHaveAttribute('data-face', 'false');
  await expect(page.getByTestId('camera-status')).toContainText('No face in the picture');
  // A gentle live cue after the warm-up (10 s) and 8 s of evidence.
  await expect(page.getByTestId('camera-cue')).toContainText('cannot see your face', { timeout: 40_000 });
  expect(await page.getByTestId('camera-status').getAttribute('data-face')).toBe('false');
  await answer(page, ANSWER);
  await endToReport(page);
  const first = page.getByTestId('camera-answer').first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  expect(Number(await first.getAttribute('data-presence'))).toBe(0);
  await expect(page.getByTestId('camera-summary')).toContainText('in the picture 0 %');
});
