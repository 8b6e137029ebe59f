// Sandbox benchmarks: the production build's QuickJS worker driven from a bare page on the app's origin
// (Comlink's APPLY messages), plus main-thread long tasks in the real coding room while tests run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import problems from '../../src/coding/data/problems.json' with { type: 'json' };
import { SOLUTIONS } from '../fixtures/coding/solutions.mjs';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A medium problem with its reference solution and 20 tests (the hidden ones, repeated as needed). */
function mediumRequest() {
  const p = problems.find((x) => x.id === 'product-except-self');
  const tests = Array.from({ length: 20 }, (_, i) => p.tests[i % p.tests.length]);
  return { code: SOLUTIONS[p.id].reference, language: 'js', entry: p.signature.name, tests, compare: p.compare };
}

async function harness(browser, base, root) {
  const worker = readdirSync(join(root, 'dist', 'assets')).find((f) => /^sandbox-[\w-]+\.js$/.test(f));
  if (!worker) throw new Error('no sandbox worker in dist/assets');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/__bench-sandbox.html', (route) =>
    route.fulfill({ contentType: 'text/html', headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }, body: '<!doctype html><title>bench</title>' }),
  );
  await page.goto(`${base}/__bench-sandbox.html`);
  await page.evaluate((url) => {
    let id = 0;
    const pending = new Map();
    window.fresh = () => {
      window.w?.terminate();
      window.w = new Worker(url, { type: 'module', name: 'sandbox' });
      window.w.addEventListener('message', (e) => {
        pending.get(e.data.id)?.(e.data.value);
        pending.delete(e.data.id);
      });
    };
    window.call = (method, arg) =>
      new Promise((resolve) => {
        const n = ++id;
        pending.set(n, resolve);
        window.w.postMessage({ id: n, type: 'APPLY', path: [method], argumentList: arg === undefined ? [] : [{ type: 'RAW', value: arg }] });
      });
  }, `/assets/${worker}`);
  return { page, context };
}

/** sandbox_cold_start_ms, sandbox_20_tests_ms, sandbox_kill_ms (+ a plain-JS baseline for the 20 tests). */
export async function sandboxMetrics({ browser, base, root, runs = 5, log = () => undefined }) {
  const { page, context } = await harness(browser, base, root);
  const cold = [];
  for (let i = 0; i < runs; i++) {
    cold.push(
      await page.evaluate(async () => {
        window.fresh();
        const t0 = performance.now();
        await window.call('warmup');
        return performance.now() - t0;
      }),
    );
  }
  log(`sandbox: cold start ${cold.map((x) => x.toFixed(0)).join(', ')} ms`);
  const req = mediumRequest();
  const warm = [];
  let passed = 0;
  for (let i = 0; i < runs + 1; i++) {
    const r = await page.evaluate(async (q) => {
      const t0 = performance.now();
      const res = await window.call('run', q);
      return { ms: performance.now() - t0, passed: res.passed };
    }, req);
    if (i > 0) warm.push(r.ms); // the first run warms up
    passed = r.passed;
  }
  // Baseline in the same page: the same solution as plain JavaScript on the main thread, no sandbox.
  const plain = await page.evaluate((q) => {
    const fn = new Function(`${q.code}\nreturn ${q.entry};`)();
    const t0 = performance.now();
    for (const t of q.tests) fn(...structuredClone(t.input));
    return performance.now() - t0;
  }, req);
  const kill = [];
  for (let i = 0; i < 3; i++) {
    kill.push(
      await page.evaluate(async () => {
        const t0 = performance.now();
        await window.call('run', { code: 'function solve() { while (true) {} }', language: 'js', entry: 'solve', tests: [{ input: [], expected: 1 }], compare: 'exact', limits: { deadlineMs: 2000 } });
        const ms = performance.now() - t0;
        window.fresh();
        await window.call('warmup');
        return ms;
      }),
    );
  }
  await context.close();
  return { cold: median(cold), warm: median(warm), passed, total: req.tests.length, plain, kill: median(kill) };
}

/** Main-thread tasks over 50 ms in the real coding room while the hidden tests run. */
export async function longTasksDuringRun({ browser, base }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => ({ start: e.startTime, ms: e.duration })))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${base}/#/setup`);
  await page.getByLabel('Coding', { exact: true }).check();
  await page.getByLabel(/^Seed/).fill('BENCH1');
  await page.getByRole('button', { name: 'Start interview' }).click();
  await page.getByLabel('Your answer').fill('At my last job I was responsible for our payments API. I rewrote the retry logic and I added tests, and as a result failed payments dropped by 40 percent.');
  await page.getByRole('button', { name: 'Send answer' }).click();
  await page.getByTestId('coding-room').waitFor({ timeout: 30_000 });
  await page.getByTestId('run-button').click(); // first run: loads and warms the sandbox
  await page.getByTestId('test-summary').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  const t0 = await page.evaluate(() => performance.now());
  await page.getByTestId('run-button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run-button]') && !document.querySelector('[data-testid=run-button]').disabled, null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const tasks = await page.evaluate((from) => window.__long.filter((t) => t.start >= from), t0);
  await context.close();
  return { count: tasks.length, longest: tasks.reduce((m, t) => Math.max(m, t.ms), 0) };
}
