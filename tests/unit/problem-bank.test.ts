import { describe, it, expect, beforeAll } from 'vitest';
import { transform } from 'sucrase';
import problemsJson from '../../src/coding/data/problems.json';
import { canonicalJson, compareValues, describeDiff } from '../../src/coding/compare';
import type { CompareMode, Difficulty, Problem } from '../../src/coding/types';

const problems = problemsJson as unknown as Problem[];

interface SolutionPair {
  reference: string;
  wrong: string;
}

// The fixture is plain JavaScript without a declaration file: load it through a non-literal specifier so
// the type checker does not try to resolve it, and check its shape at run time instead.
const SOLUTIONS_URL = new URL('../fixtures/coding/solutions.mjs', import.meta.url).href;
let SOLUTIONS: Record<string, SolutionPair> = {};

beforeAll(async () => {
  const mod = (await import(/* @vite-ignore */ SOLUTIONS_URL)) as { SOLUTIONS?: unknown };
  expect(mod.SOLUTIONS).toBeTypeOf('object');
  SOLUTIONS = mod.SOLUTIONS as Record<string, SolutionPair>;
});

const DIFFICULTIES: Difficulty[] = ['easy', 'medium', 'hard'];
const MODES: CompareMode[] = ['exact', 'unordered', 'float'];
const MIN_PER_DIFFICULTY: Record<Difficulty, number> = { easy: 8, medium: 10, hard: 6 };

type Fn = (...args: unknown[]) => unknown;

/** Turns a solution source into a callable, the way the test suite (not the sandbox) runs it. */
function load(src: string, name: string): Fn {
  const fn: unknown = new Function(src + '\nreturn ' + name + ';')();
  if (typeof fn !== 'function') throw new Error(`source does not define function ${name}`);
  return fn as Fn;
}

interface Outcome {
  passed: boolean;
  actual?: unknown;
  error?: string;
  ms: number;
}

function run(fn: Fn, input: unknown[], expected: unknown, mode: CompareMode): Outcome {
  const args = structuredClone(input);
  const t0 = performance.now();
  try {
    const actual = fn(...args);
    return { passed: compareValues(actual, expected, mode), actual, ms: performance.now() - t0 };
  } catch (e) {
    return { passed: false, error: String(e), ms: performance.now() - t0 };
  }
}

/** True when a value is plain JSON data: no undefined, NaN, Infinity, functions, and it survives a round trip. */
function isJsonData(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJsonData);
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).every(isJsonData);
  return false;
}

const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

describe('problem bank: structure', () => {
  it('has enough problems of each difficulty', () => {
    for (const d of DIFFICULTIES) {
      expect(problems.filter((p) => p.difficulty === d).length, d).toBeGreaterThanOrEqual(MIN_PER_DIFFICULTY[d]);
    }
    expect(problems.every((p) => DIFFICULTIES.includes(p.difficulty))).toBe(true);
  });

  it('has unique, kebab-case ids, unique titles and unique function names', () => {
    const ids = problems.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(problems.map((p) => p.title)).size).toBe(problems.length);
  });

  it('has a reference and a wrong solution for every problem, and nothing else', () => {
    expect(Object.keys(SOLUTIONS).sort()).toEqual(problems.map((p) => p.id).sort());
    for (const [id, s] of Object.entries(SOLUTIONS)) {
      expect(isNonEmptyString(s.reference), id).toBe(true);
      expect(isNonEmptyString(s.wrong), id).toBe(true);
      expect(s.wrong, id).not.toBe(s.reference);
    }
  });

  describe.each(problems.map((p) => [p.id, p] as const))('%s', (_id, p) => {
    it('has every field, well typed', () => {
      expect(Object.keys(p).sort()).toEqual(
        ['compare', 'complexity', 'difficulty', 'examples', 'hints', 'id', 'notes', 'signature', 'starter', 'statement', 'tags', 'tests', 'title'].sort(),
      );
      expect(isNonEmptyString(p.title)).toBe(true);
      expect(isNonEmptyString(p.statement)).toBe(true);
      expect(MODES).toContain(p.compare);

      const sig = p.signature;
      expect(sig.name).toMatch(/^[A-Za-z_$][\w$]*$/);
      expect(Array.isArray(sig.params) && sig.params.length > 0).toBe(true);
      for (const param of sig.params) {
        expect(Object.keys(param).sort()).toEqual(['name', 'type']);
        expect(param.name).toMatch(/^[A-Za-z_$][\w$]*$/);
        expect(isNonEmptyString(param.type)).toBe(true);
      }
      expect(new Set(sig.params.map((x) => x.name)).size).toBe(sig.params.length);
      expect(isNonEmptyString(sig.returns)).toBe(true);

      expect(Object.keys(p.starter).sort()).toEqual(['js', 'ts']);
      expect(p.complexity.time).toMatch(/^O\(.+\)$/);
      expect(p.complexity.space).toMatch(/^O\(.+\)$/);

      expect(p.hints).toHaveLength(3);
      for (const h of p.hints) expect(isNonEmptyString(h)).toBe(true);
      expect(p.notes.length).toBeGreaterThanOrEqual(2);
      expect(p.notes.length).toBeLessThanOrEqual(4);
      for (const n of p.notes) expect(isNonEmptyString(n)).toBe(true);
      expect(p.tags.length).toBeGreaterThan(0);
      for (const t of p.tags) expect(t).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    });

    it('has at least 2 examples and 8 hidden tests, all plain JSON with one value per parameter', () => {
      const arity = p.signature.params.length;
      expect(p.examples.length).toBeGreaterThanOrEqual(2);
      for (const ex of p.examples) {
        expect(Array.isArray(ex.input)).toBe(true);
        expect(ex.input).toHaveLength(arity);
        expect(isJsonData(ex.input)).toBe(true);
        expect(isJsonData(ex.output)).toBe(true);
        if (ex.explanation !== undefined) expect(isNonEmptyString(ex.explanation)).toBe(true);
      }
      expect(p.tests.length).toBeGreaterThanOrEqual(8);
      for (const t of p.tests) {
        expect(Array.isArray(t.input)).toBe(true);
        expect(t.input).toHaveLength(arity);
        expect(isJsonData(t.input)).toBe(true);
        expect(isJsonData(t.expected)).toBe(true);
        if (t.note !== undefined) expect(isNonEmptyString(t.note)).toBe(true);
      }
      // Inputs stay small enough for an interpreter (the sandbox) to run a good solution well under 100 ms.
      for (const t of p.tests) expect(canonicalJson(t.input).length).toBeLessThan(50_000);
      // No duplicated hidden test.
      const keys = p.tests.map((t) => canonicalJson(t.input));
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('has starters that name the function, compile, and return a placeholder', () => {
      const { name } = p.signature;
      for (const lang of ['js', 'ts'] as const) {
        const src = p.starter[lang];
        expect(src).toContain(`function ${name}(`);
        expect(src).toContain('// your code here');
        for (const param of p.signature.params) expect(src).toContain(param.name);
      }
      for (const param of p.signature.params) expect(p.starter.ts).toContain(`${param.name}: ${param.type}`);
      expect(p.starter.ts).toContain(`): ${p.signature.returns} {`);

      const js = load(p.starter.js, name);
      const ts = load(transform(p.starter.ts, { transforms: ['typescript'] }).code, name);
      const input = p.examples[0]?.input ?? [];
      expect(() => js(...structuredClone(input))).not.toThrow();
      expect(canonicalJson(ts(...structuredClone(input)))).toBe(canonicalJson(js(...structuredClone(input))));
    });
  });
});

describe('problem bank: solutions', () => {
  describe.each(problems.map((p) => [p.id, p] as const))('%s', (_id, p) => {
    it('examples show what the reference solution returns', () => {
      const ref = load(SOLUTIONS[p.id]!.reference, p.signature.name);
      for (const ex of p.examples) {
        const r = run(ref, ex.input, ex.output, p.compare);
        expect(r.passed, `${JSON.stringify(ex.input)}: ${r.error ?? describeDiff(r.actual, ex.output, p.compare)}`).toBe(true);
      }
    });

    it('reference solution passes every hidden test, quickly', () => {
      const ref = load(SOLUTIONS[p.id]!.reference, p.signature.name);
      let total = 0;
      p.tests.forEach((t, i) => {
        const r = run(ref, t.input, t.expected, p.compare);
        total += r.ms;
        expect(r.passed, `test ${i} (${t.note ?? ''}): ${r.error ?? describeDiff(r.actual, t.expected, p.compare)}`).toBe(true);
      });
      // Node's JIT is far faster than the sandbox's interpreter: this only catches grossly oversized tests.
      expect(total).toBeLessThan(1000);
    });

    it('wrong solution fails at least one hidden test and passes at least one', () => {
      const wrong = load(SOLUTIONS[p.id]!.wrong, p.signature.name);
      const outcomes = p.tests.map((t) => run(wrong, t.input, t.expected, p.compare).passed);
      expect(outcomes.filter((x) => !x).length, 'failing tests').toBeGreaterThan(0);
      expect(outcomes.filter((x) => x).length, 'passing tests').toBeGreaterThan(0);
    });
  });
});
