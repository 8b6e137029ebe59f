/**
 * Hostile code against the QuickJS sandbox runner (Node). The attacks are data
 * (tests/fixtures/coding/attacks.mjs) so the same table can run in Chromium against the real worker.
 *
 * For every attack: the run ends with the expected clear message, it is never `fatal` here (no crash of the
 * wasm module), the NEXT normal run passes (no state survives a run), and nothing changed on the host.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { createRunner, WASM_RECYCLE_BYTES } from '../../workers/sandbox/runner';
import type { Runner } from '../../workers/sandbox/runner';
import type { RunRequest, RunResult } from '../../src/coding/types';

interface Attack {
  name: string;
  code: string;
  entry: 'solve';
  expect: RegExp;
  console?: RegExp;
}

interface AttackModule {
  ATTACKS: Attack[];
  NORMAL_RUN: RunRequest;
  attackRequest(attack: Attack): RunRequest;
  attackMessage(result: RunResult): string;
  attackMatches(attack: Attack, result: RunResult): boolean;
}

// Plain JavaScript without a declaration file (shared with the E2E suite): imported through a non-literal
// specifier so the type checker does not resolve it; its shape is checked at run time instead.
const ATTACKS_URL = new URL('../fixtures/coding/attacks.mjs', import.meta.url).href;
const fixture = (await import(/* @vite-ignore */ ATTACKS_URL)) as AttackModule;

let runner: Runner;
let module: QuickJSWASMModule;
const freshRunner = async (): Promise<Runner> => {
  module = await newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
  return createRunner(module);
};
const quickjsMemory = (): number => module.getWasmMemory().buffer.byteLength;

// Host functions the VM must never reach: stubbed so a call would be recorded.
const hostSpies = { fetch: vi.fn(), postMessage: vi.fn(), importScripts: vi.fn() };
let hostKeys: string[];

beforeAll(async () => {
  runner = await freshRunner();
  for (const [name, spy] of Object.entries(hostSpies)) vi.stubGlobal(name, spy);
  hostKeys = Object.getOwnPropertyNames(globalThis).sort();
});

afterAll(() => {
  vi.unstubAllGlobals();
});

function expectHostUnchanged(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect((globalThis as Record<string, unknown>).leak).toBeUndefined();
  expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(hostKeys);
  for (const spy of Object.values(hostSpies)) expect(spy).not.toHaveBeenCalled();
  expect(typeof JSON.stringify({ a: 1 })).toBe('string');
  expect(JSON.parse('[1]')).toEqual([1]);
}

describe('attack table', () => {
  it('has at least 20 attacks, each with a name, code and expected message', () => {
    expect(fixture.ATTACKS.length).toBeGreaterThanOrEqual(20);
    for (const a of fixture.ATTACKS) {
      expect(a.name).toBeTypeOf('string');
      expect(a.code).toBeTypeOf('string');
      expect(a.entry).toBe('solve');
      expect(a.expect).toBeInstanceOf(RegExp);
    }
    expect(new Set(fixture.ATTACKS.map((a) => a.name)).size).toBe(fixture.ATTACKS.length);
  });
});

describe('sandbox security', () => {
  for (const attack of fixture.ATTACKS) {
    it(attack.name, async () => {
      const t0 = performance.now();
      const result = runner.run(fixture.attackRequest(attack));
      const ms = performance.now() - t0;
      const seen = `${fixture.attackMessage(result)} — ${JSON.stringify(result).slice(0, 600)}`;
      expect(fixture.attackMatches(attack, result), seen).toBe(true);
      if (result.fatal) {
        // The worker would restart here; the Node module must not need to.
        runner = await freshRunner();
      }
      expect(result.fatal).toBeUndefined();
      // A limit is enforced promptly: never much longer than the 2 s deadline (+ compile and copy time).
      expect(ms).toBeLessThan(4000);
      if (attack.console) expect(result.results[0]?.console.at(-1) ?? '').toMatch(attack.console);
      for (const line of result.results[0]?.console ?? []) expect(line.length).toBeLessThanOrEqual(100_000);
      expect(result.results[0]?.console.length ?? 0).toBeLessThanOrEqual(201);

      const next = runner.run(fixture.NORMAL_RUN);
      expect(fixture.attackMessage(next)).toBe('');
      expect(next).toMatchObject({ ok: true, passed: 1, total: 1 });
      expectHostUnchanged();
    }, 20_000);
  }
});

describe('worker memory', () => {
  it('stays bounded after every attack (the memory limit is measured, wasm growth is capped)', () => {
    const bytes = quickjsMemory();
    console.info(`[sandbox] wasm memory after the attack table: ${(bytes / 1048576).toFixed(0)} MB`);
    expect(bytes).toBeLessThanOrEqual(WASM_RECYCLE_BYTES);
  });
});

describe('isolation between tests of one run', () => {
  it('pollution and globals from one test are gone in the next (fresh context per test)', () => {
    const r = runner.run({
      code: `let calls = 0;
function solve(i) {
  calls++;
  const seen = [({}).polluted, globalThis.leak, calls];
  Object.prototype.polluted = i; globalThis.leak = i;
  return seen;
}`,
      language: 'js',
      entry: 'solve',
      tests: [
        { input: [1], expected: [null, null, 1] },
        { input: [2], expected: [null, null, 1] },
      ],
      compare: 'exact',
    });
    // undefined in an array is described as "undefined": compare the display values.
    expect(r.results.map((t) => t.actual)).toEqual([
      ['undefined', 'undefined', 1],
      ['undefined', 'undefined', 1],
    ]);
    expectHostUnchanged();
  });

  it('an input mutated by one test is intact in the next', () => {
    const r = runner.run({
      code: 'function solve(a) { const s = a.length; a.push(99); a[0] = -1; return s; }',
      language: 'js',
      entry: 'solve',
      tests: [
        { input: [[1, 2, 3]], expected: 3 },
        { input: [[1, 2, 3]], expected: 3 },
      ],
      compare: 'exact',
    });
    expect(r.passed).toBe(2);
  });
});
