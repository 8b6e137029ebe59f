/**
 * The QuickJS sandbox runner in Node (workers/sandbox/runner.ts): results, diffs, console, TypeScript,
 * compile errors with positions, exotic results, limits from the request, no memory growth over 200 runs,
 * crash handling, and the problem bank's reference solutions run in the sandbox. Also prints the numbers
 * quoted in the report (cold start, a 20-test run, the kill time of an infinite loop).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import { createRunner, resolveLimits } from '../../workers/sandbox/runner';
import type { Runner } from '../../workers/sandbox/runner';
import { transpileTs } from '../../workers/sandbox/transpile';
import problemsJson from '../../src/coding/data/problems.json';
import { DEFAULT_LIMITS } from '../../src/coding/types';
import type { Problem, RunRequest, RunResult } from '../../src/coding/types';

let quickjs: QuickJSWASMModule;
let runner: Runner;
let coldStartMs = 0;

beforeAll(async () => {
  const t0 = performance.now();
  quickjs = await newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
  coldStartMs = performance.now() - t0;
  runner = createRunner(quickjs, { transpileTs });
});

const req = (code: string, tests: RunRequest['tests'], extra: Partial<RunRequest> = {}): RunRequest => ({
  code,
  language: 'js',
  entry: 'solve',
  tests,
  compare: 'exact',
  ...extra,
});

const one = (code: string, expected: unknown = null, extra: Partial<RunRequest> = {}): RunResult => runner.run(req(code, [{ input: [], expected }], extra));

describe('results and diffs', () => {
  it('reports passing and failing tests with readable diffs', () => {
    const r = runner.run(
      req('function solve(nums) { return nums.filter((n) => n % 2 === 0); }', [
        { input: [[1, 2, 3, 4]], expected: [2, 4] },
        { input: [[2, 6, 7]], expected: [2, 6, 8] },
        { input: [[]], expected: [] },
      ]),
    );
    expect(r.ok).toBe(true);
    expect(r.total).toBe(3);
    expect(r.passed).toBe(2);
    expect(r.results.map((t) => t.passed)).toEqual([true, false, true]);
    const failed = r.results[1];
    expect(failed?.actual).toEqual([2, 6]);
    expect(failed?.expected).toEqual([2, 6, 8]);
    expect(failed?.input).toEqual([[2, 6, 7]]);
    expect(failed?.diff).toMatch(/length: expected 3 items, got 2.*missing: \[8\]/);
    expect(failed?.error).toBeUndefined();
    expect(r.results[0]?.diff).toBeUndefined();
  });

  it('spreads the input array as arguments and parses it inside the VM', () => {
    const r = runner.run(req('function solve(a, b, o) { return [a + b, o.k, typeof o, Array.isArray(o.list)]; }', [{ input: [1, 2, { k: 'v', list: [1] }], expected: [3, 'v', 'object', true] }]));
    expect(r.passed).toBe(1);
  });

  it('applies the compare mode (unordered, float)', () => {
    const unordered = runner.run(req('function solve() { return [[3, 4], [1, 2]]; }', [{ input: [], expected: [[1, 2], [3, 4]] }], { compare: 'unordered' }));
    expect(unordered.passed).toBe(1);
    const float = runner.run(req('function solve() { return 0.1 + 0.2; }', [{ input: [], expected: 0.3 }], { compare: 'float' }));
    expect(float.passed).toBe(1);
    const exact = runner.run(req('function solve() { return 0.1 + 0.2; }', [{ input: [], expected: 0.3 }]));
    expect(exact.passed).toBe(0);
  });

  it('finds the entry function however it is declared', () => {
    expect(one('const solve = () => 7;', 7).passed).toBe(1);
    expect(one('let solve; solve = function () { return 7; };', 7).passed).toBe(1);
    expect(one('class A { static go() { return 7; } }\nvar solve = A.go;', 7).passed).toBe(1);
    expect(one('export function solve() { return 7; }', 7).passed).toBe(1);
    expect(one('export default function solve() { return 7; }', 7).passed).toBe(1);
    expect(one('function solve() { return 7; }\nexport { solve };', 7).passed).toBe(1);
  });

  it('says clearly when the entry function is missing', () => {
    expect(one('function solution() { return 1; }').results[0]?.error).toBe('No function named "solve" was found: define function solve(…) in your code');
    expect(one('const solve = 3;').results[0]?.error).toMatch(/No function named "solve"/);
    expect(runner.run(req('function solve() {}', [], { entry: 'not valid' })).compileError?.message).toMatch(/not a valid function name/);
  });

  it('runs with no tests (compile only)', () => {
    const r = runner.run(req('function solve() {}', []));
    expect(r).toMatchObject({ ok: true, passed: 0, total: 0, results: [] });
  });

  it('reports runtime errors with their line', () => {
    const r = one('function solve() {\n  const o = null;\n  return o.x;\n}');
    expect(r.ok).toBe(true);
    expect(r.results[0]?.passed).toBe(false);
    expect(r.results[0]?.error).toBe("TypeError: cannot read property 'x' of null (line 3)");
    expect(one("function solve() {\n\n  throw new RangeError('bad input');\n}").results[0]?.error).toBe('RangeError: bad input (line 3)');
    expect(one("function solve() { throw 'plain string'; }").results[0]?.error).toBe('Uncaught exception: "plain string"');
    expect(one('function solve() { throw { code: 42 }; }').results[0]?.error).toBe('Uncaught exception: {"code":42}');
    expect(one("null.x;\nfunction solve() {}").results[0]?.error).toMatch(/^TypeError: .* \(line 1\)$/);
  });

  it('gives every test its own timing, and the run its total', () => {
    const r = runner.run(req('function solve(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }', [
      { input: [10], expected: 45 },
      { input: [200_000], expected: 19_999_900_000 },
    ]));
    expect(r.passed).toBe(2);
    for (const t of r.results) {
      expect(typeof t.ms).toBe('number');
      expect(t.ms).toBeGreaterThanOrEqual(0);
    }
    expect(r.results[1]!.ms).toBeGreaterThan(r.results[0]!.ms);
    expect(r.ms).toBeGreaterThanOrEqual(r.results[1]!.ms);
  });
});

describe('console', () => {
  it('captures log/info/warn/error/debug lines per test, stringified inside the VM', () => {
    const r = runner.run(
      req(
        `console.log('top level runs once per test');
function solve(x) {
  console.log('x is', x, [1, 'two', { three: 3 }]);
  console.info(null, undefined, true, 1.5, 10n, Symbol('s'), NaN);
  console.warn(new Error('careful'), function named() {}, () => 1);
  console.error({ nested: { deep: [1, [2, [3]]] } });
  console.debug('debug');
  const c = { me: null }; c.me = c; console.log(c);
  console.assert(1 === 2, 'math is broken');
  return x;
}`,
        [
          { input: [1], expected: 1 },
          { input: [2], expected: 2 },
        ],
      ),
    );
    expect(r.passed).toBe(2);
    expect(r.results[0]?.console).toEqual([
      'top level runs once per test',
      'x is 1 [1,"two",{"three":3}]',
      'null undefined true 1.5 10n Symbol(s) NaN',
      'Error: careful [Function named] [Function]',
      '{"nested":{"deep":[1,[2,[3]]]}}',
      'debug',
      '{"me":[Circular]}',
      'Assertion failed: math is broken',
    ]);
    expect(r.results[1]?.console[1]).toBe('x is 2 [1,"two",{"three":3}]');
  });

  it('keeps console lines of a test that failed or timed out', () => {
    const r = one("function solve() { console.log('before'); while (true) {} }", null, { limits: { deadlineMs: 100 } });
    expect(r.results[0]?.error).toBe('Time limit exceeded (0.1 s)');
    expect(r.results[0]?.console).toEqual(['before']);
  });
});

describe('TypeScript', () => {
  it('transpiles type annotations, interfaces, generics and enums (lazily given transpiler)', () => {
    const code = `interface Pair<T> { a: T; b: T }
enum Op { Add, Mul }
type Num = number;
function apply<T extends Num>(p: Pair<T>, op: Op): number {
  return op === Op.Add ? p.a + p.b : p.a * p.b;
}
export function solve(a: number, b: number): number {
  const p: Pair<number> = { a, b };
  return apply(p, Op.Mul) as number;
}`;
    const r = runner.run(req(code, [{ input: [6, 7], expected: 42 }], { language: 'ts' }));
    expect(r.compileError).toBeUndefined();
    expect(r.passed).toBe(1);
  });

  it('reports a TypeScript syntax error with its line and column', () => {
    const r = runner.run(req('function solve(a: number): number {\n  const x: = a;\n  return x;\n}', [{ input: [1], expected: 1 }], { language: 'ts' }));
    expect(r.ok).toBe(false);
    expect(r.results).toEqual([]);
    expect(r.compileError).toEqual({ message: 'SyntaxError: Unexpected token', line: 2, column: 13 });
  });

  it('keeps runtime error lines pointing into the TypeScript source', () => {
    const r = runner.run(req('interface A { x: number }\n\nfunction solve(a: A | null): number {\n  return a!.x;\n}', [{ input: [null], expected: 1 }], { language: 'ts' }));
    expect(r.results[0]?.error).toBe("TypeError: cannot read property 'x' of null (line 4)");
  });

  it('fails cleanly when the transpiler was not loaded', () => {
    const plain = createRunner(quickjs);
    expect(plain.run(req('function solve(): number { return 1; }', [], { language: 'ts' })).compileError?.message).toMatch(/TypeScript support is not loaded/);
  });

  it('transpileTs returns code or a positioned error', () => {
    expect(transpileTs('const a: number = 1;')).toEqual({ code: 'const a = 1;' });
    expect(transpileTs('let = ;')).toMatchObject({ error: { line: 1 } });
  });
});

describe('JavaScript syntax errors', () => {
  it('are compile errors with line and column, and no test runs', () => {
    const r = runner.run(req('function solve(nums) {\n  let total = 0;\n  for (const n of nums {\n    total += n;\n  }\n  return total;\n}', [{ input: [[1]], expected: 1 }]));
    expect(r.ok).toBe(false);
    expect(r.results).toEqual([]);
    expect(r.passed).toBe(0);
    expect(r.total).toBe(1);
    expect(r.compileError?.message).toMatch(/^SyntaxError: /);
    expect(r.compileError?.line).toBe(3);
    expect(r.compileError?.column).toBeGreaterThan(1);
  });

  it('reports the first line of an unterminated construct', () => {
    const r = one('function solve() {\n  return "unterminated;\n}');
    expect(r.compileError?.line).toBe(2);
  });
});

describe('exotic results are described, never passed', () => {
  const cases: [string, string, unknown, unknown][] = [
    ['undefined', 'return undefined;', null, 'undefined'],
    ['a function', 'return function helper() {};', null, '[Function helper]'],
    ['an anonymous function', 'return () => 1;', null, '[Function]'],
    ['a symbol', "return Symbol('tag');", 'tag', 'Symbol(tag)'],
    ['a bigint', 'return 123n;', 123, '123n'],
    ['NaN', 'return NaN;', null, 'NaN'],
    ['Infinity', 'return -Infinity;', null, '-Infinity'],
    ['a Map', 'return new Map([[1, 2]]);', {}, 'Map(1)'],
    ['a cycle', 'const a = [1]; a.push(a); return a;', [1, [1]], [1, '[Circular]']],
    ['nested exotic values', 'return { u: undefined, f() {}, big: 2n, list: [undefined, null] };', {}, { u: 'undefined', f: '[Function f]', big: '2n', list: ['undefined', null] }],
  ];
  for (const [what, body, expected, actual] of cases) {
    it(what, () => {
      const r = one(`function solve() { ${body} }`, expected);
      expect(r.results[0]?.passed).toBe(false);
      expect(r.results[0]?.error).toBeUndefined();
      expect(r.results[0]?.actual).toEqual(actual);
      expect(r.results[0]?.diff).toBeTruthy();
    });
  }

  it('undefined compares like JSON inside objects (absent key) but not as a value', () => {
    expect(one('function solve() { return { a: 1, b: undefined }; }', { a: 1 }).passed).toBe(1);
    expect(one('function solve() { return undefined; }', null).results[0]?.diff).toBe('expected null, got undefined');
    expect(one('function solve() { return 5n; }', 5).results[0]?.diff).toBe('expected a number (5), got a bigint (5n)');
  });

  it('unwraps Dates (toJSON), boxed primitives and typed arrays like JSON does', () => {
    expect(one("function solve() { return new Date(0); }", '1970-01-01T00:00:00.000Z').passed).toBe(1);
    expect(one('function solve() { return [new Number(1), new String("s"), new Boolean(false)]; }', [1, 's', false]).passed).toBe(1);
    expect(one('function solve() { return new Int32Array([3, 1, 2]); }', [3, 1, 2]).passed).toBe(1);
  });

  it('keeps __proto__ keys as plain data', () => {
    const r = one('function solve() { return JSON.parse(\'{"__proto__": {"polluted": true}, "a": 1}\'); }', { a: 1 });
    expect(r.results[0]?.actual).toEqual(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('guarded built-ins behave like the originals', () => {
  it('JSON, flat, bind, eval, Function and console keep their normal behaviour', () => {
    const r = one(
      `function solve() {
  const checks = {
    stringify: JSON.stringify({ a: [1, { b: 2 }], d: new Date(0) }, null, 1) === '{\\n "a": [\\n  1,\\n  {\\n   "b": 2\\n  }\\n ],\\n "d": "1970-01-01T00:00:00.000Z"\\n}',
    replacer: JSON.stringify({ a: 1, b: 2 }, ['b']) === '{"b":2}',
    parse: JSON.parse('{"a":[1,2]}', (k, v) => (typeof v === 'number' ? v * 2 : v)).a[1] === 4,
    parseError: (() => { try { JSON.parse('{'); return false; } catch (e) { return e instanceof SyntaxError; } })(),
    flat: [1, [2, [3, [4]]]].flat(Infinity).join() === '1,2,3,4' && [1, [2, [3]]].flat().length === 3,
    bind: (function f(a, b) { return this.x + a + b; }).bind({ x: 1 }, 2)(3) === 6,
    bindName: (function named() {}).bind(null).name === 'bound named',
    eval: eval('1 + 2') === 3,
    fn: new Function('a', 'b', 'return a + b')(1, 2) === 3 && Function('return 7')() === 7,
    ctor: (function () {}).constructor === Function && (() => 1) instanceof Function,
    asyncCtor: typeof Object.getPrototypeOf(async function () {}).constructor('return 1') === 'function',
    genCtor: Object.getPrototypeOf(function* () {}).constructor('yield 1')().next().value === 1,
    console: typeof console.log === 'function' && typeof console.table === 'function',
  };
  return Object.keys(checks).filter((k) => checks[k] !== true);
}`,
      [],
    );
    expect(r.results[0]?.error).toBeUndefined();
    expect(r.results[0]?.actual).toEqual([]);
  });

  it('refuses only pathological nesting, with a stack-overflow message', () => {
    const deepParse = one("function solve() { return JSON.parse('['.repeat(2000) + ']'.repeat(2000)).length; }");
    expect(deepParse.results[0]?.error).toMatch(/^Stack overflow \(too much recursion\)/);
    expect(one("function solve() { return JSON.parse('['.repeat(900) + ']'.repeat(900)).length; }", 1).passed).toBe(1);
    const bindChain = one('function solve() { let f = function () { return 1; }; for (let i = 0; i < 150; i++) f = f.bind(null); return f(); }');
    expect(bindChain.results[0]?.error).toMatch(/^Stack overflow/);
    expect(one('function solve() { let f = function () { return 1; }; for (let i = 0; i < 50; i++) f = f.bind(null); return f(); }', 1).passed).toBe(1);
    expect(one("function solve() { return eval('1 +'); }").results[0]?.error).toMatch(/^SyntaxError: .*\(eval line 1\) \(line 1\)$/);
    expect(one("function solve() { try { eval('let = ;'); } catch (e) { return e instanceof SyntaxError ? 1 : 0; } }", 1).passed).toBe(1);
    const deepFlat = one('function solve() { let a = [1]; for (let i = 0; i < 2000; i++) a = [a]; return a.flat(Infinity); }');
    expect(deepFlat.results[0]?.error).toMatch(/^Stack overflow/);
  });
});

describe('limits from the request', () => {
  it('merges and clamps limits', () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ deadlineMs: 500, memoryMb: Number.NaN, maxConsoleLines: -3 })).toEqual({ ...DEFAULT_LIMITS, deadlineMs: 500, maxConsoleLines: 0 });
  });

  it('deadlineMs', () => {
    const t0 = performance.now();
    const r = one('function solve() { for (;;) {} }', null, { limits: { deadlineMs: 250 } });
    expect(r.results[0]?.error).toBe('Time limit exceeded (0.25 s)');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('a run that finishes after the deadline is still over the limit (clock check)', () => {
    const r = one('function solve() { const t = Date.now(); while (Date.now() - t < 150) {} return 1; }', 1, { limits: { deadlineMs: 100 } });
    expect(r.results[0]?.error).toBe('Time limit exceeded (0.1 s)');
  });

  it('memoryMb', () => {
    const code = 'function solve() { const a = new Uint8Array(12e6); return a.length; }';
    expect(one(code, 12e6).passed).toBe(1);
    expect(one(code, 12e6, { limits: { memoryMb: 8 } }).results[0]?.error).toBe('Memory limit exceeded (8 MB)');
  });

  it('stackKb', () => {
    const code = 'function solve(n) { function f(k) { return k === 0 ? 0 : 1 + f(k - 1); } return f(n); }';
    const deep = (stackKb: number): RunResult => runner.run(req(code, [{ input: [300], expected: 300 }], { limits: { stackKb } }));
    expect(deep(128).passed).toBe(1);
    expect(deep(16).results[0]?.error).toMatch(/^Stack overflow \(too much recursion\)/);
  });

  it('maxSourceBytes (UTF-8 bytes)', () => {
    const r = one('function solve() { return "ééééé"; }', null, { limits: { maxSourceBytes: 30 } });
    expect(r.ok).toBe(false);
    expect(r.compileError?.message).toBe('Your code is too long: 41 bytes (the limit is 30 bytes)');
  });

  it('maxOutputBytes caps the result and the console', () => {
    const big = one("function solve() { return 'x'.repeat(2000); }", null, { limits: { maxOutputBytes: 1000 } });
    expect(big.results[0]?.error).toBe('Output too large: the returned value is over 1 KB as JSON');
    const chatty = one("function solve() { for (let i = 0; i < 100; i++) console.log('y'.repeat(50)); return 1; }", 1, { limits: { maxOutputBytes: 1000 } });
    expect(chatty.passed).toBe(1);
    const lines = chatty.results[0]?.console ?? [];
    expect(lines.at(-1)).toBe('… output truncated');
    expect(lines.slice(0, -1).join('').length).toBeLessThanOrEqual(1000);
  });

  it('maxConsoleLines', () => {
    const r = one('function solve() { for (let i = 0; i < 10; i++) console.log(i); return 1; }', 1, { limits: { maxConsoleLines: 3 } });
    expect(r.results[0]?.console).toEqual(['0', '1', '2', '… output truncated']);
  });
});

describe('robustness', () => {
  it('does not grow the wasm memory over 200 runs (every handle and runtime disposed)', () => {
    const code = `function solve(n) {
  const m = new Map(); const out = [];
  for (let i = 0; i < n; i++) { m.set('k' + i, { i, sq: i * i }); out.push(i % 7); }
  console.log('n =', n, { first: m.get('k0') });
  try { null.x; } catch (e) { }
  return out.length;
}`;
    const tests = [0, 1, 2, 3].map((i) => ({ input: [1000 + i], expected: 1000 + i }));
    const memory = quickjs.getWasmMemory();
    // Warm up: the allocator reaches its steady state.
    for (let i = 0; i < 20; i++) expect(runner.run(req(code, tests)).passed).toBe(4);
    runner.run(req('function solve() { throw new Error("x"); }', tests));
    runner.run(req('function solve() { let a = []; for (;;) a.push(1); }', tests.slice(0, 1)));
    const before = memory.buffer.byteLength;
    for (let i = 0; i < 200; i++) {
      const r = runner.run(req(code, tests));
      expect(r.passed).toBe(4);
    }
    const after = memory.buffer.byteLength;
    expect(after - before).toBeLessThanOrEqual(1024 * 1024);
    console.info(`[sandbox] wasm memory: ${(before / 1048576).toFixed(1)} MB before 200 runs × 4 tests, ${(after / 1048576).toFixed(1)} MB after`);
  }, 60_000);

  it('marks the run fatal and the runner broken when the module itself fails', () => {
    const failing = new Proxy(quickjs, {
      get(target, key, receiver) {
        if (key === 'newRuntime') {
          return () => {
            throw new RuntimeError('unreachable');
          };
        }
        const v: unknown = Reflect.get(target, key, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    class RuntimeError extends Error {
      override name = 'RuntimeError';
    }
    const broken = createRunner(failing);
    const r = broken.run(req('function solve() { return 1; }', [{ input: [], expected: 1 }]));
    expect(r.ok).toBe(false);
    expect(r.fatal).toMatch(/^The sandbox crashed \(RuntimeError: unreachable\) and will restart for the next run\.$/);
    expect(broken.broken).toBe(true);
    expect(broken.run(req('function solve() { return 1; }', [])).fatal).toMatch(/must restart/);
    // The real module is untouched.
    expect(runner.broken).toBe(false);
    expect(one('function solve() { return 1; }', 1).passed).toBe(1);
  });
});

describe('the problem bank in the sandbox', () => {
  const problems = problemsJson as unknown as Problem[];
  let solutions: Record<string, { reference: string; wrong: string }> = {};
  beforeAll(async () => {
    const url = new URL('../fixtures/coding/solutions.mjs', import.meta.url).href;
    solutions = ((await import(/* @vite-ignore */ url)) as { SOLUTIONS: typeof solutions }).SOLUTIONS;
  });

  const problemRequest = (p: Problem, code: string): RunRequest => ({
    code,
    language: 'js',
    entry: p.signature.name,
    tests: p.tests.map((t) => ({ input: t.input, expected: t.expected })),
    compare: p.compare,
  });

  it('every reference solution passes all hidden tests; every wrong one fails at least one', () => {
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      const s = solutions[p.id];
      if (!s) continue;
      const good = runner.run(problemRequest(p, s.reference));
      expect({ id: p.id, passed: good.passed, errors: good.results.filter((t) => !t.passed).map((t) => t.error ?? t.diff) }).toEqual({ id: p.id, passed: p.tests.length, errors: [] });
      const bad = runner.run(problemRequest(p, s.wrong));
      expect(bad.ok, p.id).toBe(true);
      expect(bad.passed, p.id).toBeLessThan(p.tests.length);
    }
  }, 60_000);

  it('measures: cold start, a 20-test medium run, and the kill time of an infinite loop', () => {
    const p = problems.find((x) => x.id === 'group-anagrams') ?? problems.find((x) => x.difficulty === 'medium');
    expect(p).toBeDefined();
    const s = p && solutions[p.id];
    if (!p || !s) return;
    const tests = Array.from({ length: 20 }, (_, i) => p.tests[i % p.tests.length]!).map((t) => ({ input: t.input, expected: t.expected }));
    const medium: RunRequest = { ...problemRequest(p, s.reference), tests };
    runner.run(medium);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = runner.run(medium);
      expect(r.passed).toBe(20);
      times.push(r.ms);
    }
    const t0 = performance.now();
    const loop = one('function solve() { while (true) {} }');
    const killMs = performance.now() - t0;
    expect(loop.results[0]?.error).toBe('Time limit exceeded (2 s)');
    expect(killMs).toBeLessThan(2300);
    times.sort((a, b) => a - b);
    console.info(
      `[sandbox] cold start (QuickJS module load) ${coldStartMs.toFixed(1)} ms; 20-test "${p.id}" run median ${times[2]} ms ` +
        `(min ${times[0]}, max ${times[4]}); infinite loop with a 2 s deadline killed after ${killMs.toFixed(0)} ms`,
    );
  }, 30_000);
});
