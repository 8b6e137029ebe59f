#!/usr/bin/env node
// `npm test`: type check, unit suite (vitest), quality harness, production build, E2E suite (Playwright + system Chromium).
// Every suite runs even if an earlier one failed; the last line is the total: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.cache');
mkdirSync(cache, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) console.error(r.error.message);
  return r.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
function count(suite, passed, failed, skipped = 0) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${suite}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

// 1. Types (strict): one check.
const tsc = run('Type check', bin('tsc'), ['--noEmit']);
count('typecheck', tsc === 0 ? 1 : 0, tsc === 0 ? 0 : 1);

// 2. Unit tests.
const vitestJson = join(cache, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitest = run('Unit tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
const v = readJson(vitestJson);
if (v) count('unit', v.numPassedTests, v.numFailedTests + (vitest !== 0 && v.numFailedTests === 0 ? 1 : 0), v.numPendingTests + v.numTodoTests);
else count('unit', 0, 1);

// 3. Quality harness: scripted candidates through the interviewer engines (tests/quality).
const qualityJson = join(cache, 'quality-vitest.json');
rmSync(qualityJson, { force: true });
const quality = run('Quality harness (vitest)', bin('vitest'), ['run', '--config', 'tests/quality/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile=${qualityJson}`]);
const q = readJson(qualityJson);
if (q) count('quality', q.numPassedTests, q.numFailedTests + (quality !== 0 && q.numFailedTests === 0 ? 1 : 0), q.numPendingTests + q.numTodoTests);
else count('quality', 0, 1);

// 4. Production build, then 5. E2E against it.
const build = run('Production build', bin('vite'), ['build']);
if (build !== 0) {
  count('e2e', 0, 1);
  lines.push('e2e: not run, the production build failed');
} else {
  const pwJson = join(cache, 'playwright.json');
  rmSync(pwJson, { force: true });
  const pw = run('E2E tests (Playwright, system Chromium)', bin('playwright'), ['test', '--config', 'tests/e2e/playwright.config.ts'], { CI: process.env.CI ?? '1' });
  const p = readJson(pwJson);
  if (p?.stats) {
    const failed = p.stats.unexpected + (pw !== 0 && p.stats.unexpected === 0 ? 1 : 0);
    count('e2e', p.stats.expected + p.stats.flaky, failed, p.stats.skipped);
  } else {
    count('e2e', 0, 1);
    lines.push('e2e: Playwright did not run (see the error above: is Chromium installed?)');
  }
}

console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
