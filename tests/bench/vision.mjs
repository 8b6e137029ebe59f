// Camera-cue benchmarks: the production build's interview room with the camera on, fed by a real face clip
// through Chromium's fake camera. Measures what the app itself reports (frames analysed, the worker's
// inference time) and main-thread long tasks while tracking. Never fails on time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BASE_ARGS, findChromium } from '../chromium.mjs';

export const VISION_CLIP = 'face_neutral_then_smiling_6s.y4m';

/**
 * The shared clip is 10 fps; a webcam gives 30. Re-time it to 30 fps with ffmpeg (frames repeated) so the
 * camera never limits the rate; without ffmpeg the 10 fps clip is used and the note says so.
 */
function cameraClip(root) {
  const src = join(root, '..', 'shared', 'fixtures', 'faces', VISION_CLIP);
  if (!existsSync(src)) return { file: null, fps: null, reason: `fixture missing: ${src}` };
  const dir = join(root, '.cache', 'bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'face_30fps.y4m');
  if (!existsSync(out)) {
    const r = spawnSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', src, '-vf', 'fps=30', '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', out], { encoding: 'utf8' });
    if (r.status !== 0) return { file: src, fps: 10, reason: null };
  }
  return { file: out, fps: 30, reason: null };
}

/** vision_fps, vision_frame_ms_p50, main_long_tasks_during_tracking (+ details for the notes). */
export async function visionMetrics({ base, root, seconds = 15, log = () => undefined }) {
  const clip = cameraClip(root);
  if (!clip.file) return { reason: clip.reason };
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...BASE_ARGS, `--use-file-for-fake-video-capture=${clip.file}`] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => ({ start: e.startTime, ms: e.duration })))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${base}/#/`);
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.getByTestId('question').waitFor();
    const t0 = Date.now();
    await page.getByTestId('camera-on').click();
    const status = page.getByTestId('camera-status');
    await status.waitFor({ timeout: 120_000 });
    const readyMs = Date.now() - t0;
    // Warm-up: let the rate settle.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=camera-status]')?.getAttribute('data-frames')) > 30, null, { timeout: 60_000 });
    log(`vision: camera on → tracking in ${readyMs} ms; measuring ${seconds} s…`);
    const start = await page.evaluate(() => ({ now: performance.now(), frames: Number(document.querySelector('[data-testid=camera-status]').getAttribute('data-frames')) }));
    await page.waitForTimeout(seconds * 1000);
    const end = await page.evaluate(() => {
      const s = document.querySelector('[data-testid=camera-status]');
      return { now: performance.now(), frames: Number(s.getAttribute('data-frames')), frameMs: Number(s.getAttribute('data-frame-ms')), rate: s.getAttribute('data-rate'), face: s.getAttribute('data-face') };
    });
    const tasks = await page.evaluate((from) => window.__long.filter((t) => t.start >= from), start.now);
    await context.close();
    return {
      fps: (end.frames - start.frames) / ((end.now - start.now) / 1000),
      frameMsP50: end.frameMs,
      frames: end.frames - start.frames,
      seconds: (end.now - start.now) / 1000,
      rate: end.rate,
      face: end.face,
      readyMs,
      cameraFps: clip.fps,
      longTasks: tasks.length,
      longest: tasks.reduce((m, t) => Math.max(m, t.ms), 0),
    };
  } finally {
    await browser.close();
  }
}
