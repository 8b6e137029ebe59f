import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { BASE_ARGS, findChromium } from '../chromium.mjs';
import { ROOT } from '../models-dir.mjs';

export const ANSWER =
  'At my last job I was responsible for the release process. I automated the checks and as a result releases took 20 minutes instead of 2 hours.';

/** The shared real face clips (Face Research Lab London Set, CC BY 4.0), beside the checkout. */
export const FACE_FIXTURES = join(ROOT, '..', 'shared', 'fixtures', 'faces');

/**
 * Launch options with the fake camera playing a Y4M clip (looped). The flag is per browser process, so each
 * clip needs its own launch: use this in `test.use()` at file or describe level.
 */
export function fakeCameraLaunch(clip: string, extraArgs: string[] = []) {
  return { executablePath: findChromium(), args: [...BASE_ARGS, `--use-file-for-fake-video-capture=${join(FACE_FIXTURES, clip)}`, ...extraArgs] };
}

/** Start an interview (typed answers) and turn the camera on; resolves when frames are being analysed. */
export async function startCameraInterview(page: Page): Promise<void> {
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await expect(page.getByTestId('question')).toHaveAttribute('data-prompt-id', '0');
  await page.getByTestId('camera-on').click();
  await expect(page.getByTestId('camera-status')).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => Number(await page.getByTestId('camera-status').getAttribute('data-frames')), { timeout: 30_000 }).toBeGreaterThan(5);
}

/** Collect `n` consecutive live smile values (one per analysed frame change). */
export async function liveSmiles(page: Page, n: number): Promise<number[]> {
  const status = page.getByTestId('camera-status');
  const out: number[] = [];
  let lastFrames = -1;
  await expect
    .poll(
      async () => {
        const frames = Number(await status.getAttribute('data-frames'));
        if (frames !== lastFrames) {
          lastFrames = frames;
          if ((await status.getAttribute('data-face')) === 'true') out.push(Number(await status.getAttribute('data-smile')));
        }
        return out.length;
      },
      { timeout: 30_000, intervals: [150] },
    )
    .toBeGreaterThanOrEqual(n);
  return out;
}

/** End the interview from the room and wait for the report. */
export async function endToReport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'End interview' }).click();
  await page.getByRole('button', { name: 'End and see report' }).click();
  await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible({ timeout: 30_000 });
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core violations on the current page, one line each (empty = none). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    type Violation = { id: string; help: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
