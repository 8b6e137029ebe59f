import { test, expect } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ATTACKS, NORMAL_RUN, attackMatches, attackMessage, attackRequest } from '../fixtures/coding/attacks.mjs';
import type { RunResult } from '../../src/coding/types';

const root = new URL('../..', import.meta.url).pathname;

/**
 * The security suite in the real Chromium worker: the production build's sandbox worker is driven through
 * Comlink's message protocol from a bare page on the app's origin (no app code around it), so each attack
 * runs exactly as the coding room would run it.
 */
test('the sandbox worker contains every attack with a clear message, and the next run is healthy', async ({ page, baseURL }) => {
  const worker = readdirSync(join(root, 'dist', 'assets')).find((f) => /^sandbox-[\w-]+\.js$/.test(f));
  expect(worker, 'the production build has a sandbox worker chunk').toBeTruthy();
  await page.route('**/__sandbox-harness.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
      body: '<!doctype html><title>sandbox harness</title><p>harness</p>',
    }),
  );
  await page.goto(`${baseURL}/__sandbox-harness.html`);
  await page.evaluate((url) => {
    let w: Worker;
    let id = 0;
    const pending = new Map<number, (v: unknown) => void>();
    const start = (): void => {
      w = new Worker(url, { type: 'module', name: 'sandbox' });
      w.addEventListener('message', (e: MessageEvent<{ id: number; type: string; value: unknown }>) => {
        pending.get(e.data.id)?.(e.data.type === 'RAW' ? e.data.value : { fatal: `thrown: ${JSON.stringify(e.data.value)}`, results: [] });
        pending.delete(e.data.id);
      });
    };
    start();
    // Comlink's wire format: APPLY a path with RAW arguments. Like the app's client, recycle the worker after
    // a fatal run, and give up on a silent worker (the watchdog).
    (window as unknown as { run: (req: unknown) => Promise<unknown> }).run = (req) =>
      new Promise((resolve) => {
        const n = ++id;
        const timer = setTimeout(() => {
          pending.delete(n);
          w.terminate();
          start();
          resolve({ fatal: 'watchdog: no answer', results: [], passed: 0, total: 0 });
        }, 30_000);
        pending.set(n, (v) => {
          clearTimeout(timer);
          if ((v as { fatal?: string }).fatal) {
            w.terminate();
            start();
          }
          resolve(v);
        });
        w.postMessage({ id: n, type: 'APPLY', path: ['run'], argumentList: [{ type: 'RAW', value: req }] });
      });
  }, `/assets/${worker}`);

  const run = (req: unknown) => page.evaluate((r) => (window as unknown as { run: (x: unknown) => Promise<unknown> }).run(r), req) as Promise<RunResult>;

  expect((await run(NORMAL_RUN)).passed).toBe(1);
  const failures: string[] = [];
  for (const attack of ATTACKS) {
    const r = await run(attackRequest(attack));
    // In Chromium a few parser-level attacks (deeply nested source, eval or Function bodies) overflow the
    // worker's own native stack before QuickJS's stack check: the sandbox reports the crash and restarts, which
    // still contains the attack with a clear message (the next run below must be healthy).
    const contained = attackMatches(attack, r) || /The sandbox crashed .* will restart for the next run/.test(attackMessage(r));
    if (!contained) failures.push(`${attack.name}: ${attackMessage(r) || JSON.stringify(r).slice(0, 300)}`);
    const next = await run(NORMAL_RUN);
    if (next.passed !== 1) failures.push(`${attack.name}: the next run was not healthy (${JSON.stringify(next).slice(0, 200)})`);
  }
  expect(failures).toEqual([]);
  expect(ATTACKS.length).toBeGreaterThanOrEqual(20);
});
