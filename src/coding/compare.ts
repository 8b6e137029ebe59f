/**
 * Comparing a function's result with a test's expected value, and describing the difference readably.
 *
 * Values are JSON-like data (arrays, plain objects, numbers, strings, booleans, null). Comparison is
 * structural; object key order never matters and -0 equals 0. Modes:
 * - 'exact': deep equality.
 * - 'unordered': when both values are arrays, their elements are sorted by canonical JSON before the deep
 *   comparison (top level only: inner arrays keep their order).
 * - 'float': deep equality where numbers may differ by FLOAT_TOLERANCE (absolute, or relative for large values).
 *
 * Pure functions, no DOM: shared by the sandbox runner, the UI and the agent.
 */
import type { CompareMode } from './types';

export const FLOAT_TOLERANCE = 1e-6;

/** Longest value shown inside a diff line. */
const DIFF_VALUE_LEN = 60;
/** Most lines describeDiff returns. */
const MAX_DIFF_LINES = 5;

type Obj = Record<string, unknown>;

function isPlainObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys of a JSON-like object: keys holding undefined are absent in JSON, so they are ignored. */
function definedKeys(o: Obj): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined);
}

function numbersEqual(a: number, b: number, float: boolean): boolean {
  if (a === b) return true; // also -0 === 0 and equal infinities
  if (!float || !Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= FLOAT_TOLERANCE * Math.max(1, Math.abs(b));
}

function deepEqual(a: unknown, b: unknown, float: boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return numbersEqual(a, b, float);
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i], float)) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = definedKeys(a);
    const kb = definedKeys(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEqual(a[k], b[k], float)) return false;
    }
    return true;
  }
  return false;
}

function sortByCanonical(values: unknown[]): unknown[] {
  return values
    .map((v) => [canonicalJson(v), v] as const)
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map((x) => x[1]);
}

/** True when actual matches expected under the given mode. */
export function compareValues(actual: unknown, expected: unknown, mode: CompareMode): boolean {
  if (mode === 'unordered' && Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return false;
    return deepEqual(sortByCanonical(actual), sortByCanonical(expected), false);
  }
  return deepEqual(actual, expected, mode === 'float');
}

/**
 * Deterministic JSON with object keys sorted, used to sort and identify values. Follows JSON.stringify
 * (-0 → 0, NaN/Infinity → null, undefined object entries dropped, undefined array items → null) but never
 * throws: bigints become "10n" strings, functions and symbols null, cycles "[Circular]".
 */
export function canonicalJson(value: unknown): string {
  const stack: object[] = [];
  const walk = (v: unknown): string | undefined => {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'number':
        return Number.isFinite(v) ? JSON.stringify(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        return JSON.stringify(`${v}n`);
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    if (v === null) return 'null';
    const o = v as object;
    if (stack.includes(o)) return '"[Circular]"';
    stack.push(o);
    let out: string;
    if (Array.isArray(o)) {
      out = '[' + o.map((x) => walk(x) ?? 'null').join(',') + ']';
    } else {
      const rec = o as Obj;
      const parts: string[] = [];
      for (const k of Object.keys(rec).sort()) {
        const s = walk(rec[k]);
        if (s !== undefined) parts.push(JSON.stringify(k) + ':' + s);
      }
      out = '{' + parts.join(',') + '}';
    }
    stack.pop();
    return out;
  };
  return walk(value) ?? 'null';
}

/**
 * Compact, JSON-like text for displaying a value (inputs, outputs, diffs), cut to maxLen characters with
 * "…". Unlike JSON it shows undefined, NaN, Infinity, bigints (10n), functions and symbols, and keeps the
 * object's own key order.
 */
export function formatValue(value: unknown, maxLen = 200): string {
  const limit = Math.max(1, maxLen);
  let out = '';
  const stack: object[] = [];
  // Stops writing once the text is already too long: huge arrays are never fully serialized.
  const full = (): boolean => out.length > limit;
  const write = (v: unknown): void => {
    if (full()) return;
    switch (typeof v) {
      case 'string':
        out += JSON.stringify(v);
        return;
      case 'number':
        out += Object.is(v, -0) ? '0' : String(v);
        return;
      case 'boolean':
        out += String(v);
        return;
      case 'bigint':
        out += `${v}n`;
        return;
      case 'undefined':
        out += 'undefined';
        return;
      case 'symbol':
        out += v.toString();
        return;
      case 'function':
        out += v.name ? `[Function ${v.name}]` : '[Function]';
        return;
    }
    if (v === null) {
      out += 'null';
      return;
    }
    const o = v as object;
    if (stack.includes(o)) {
      out += '[Circular]';
      return;
    }
    stack.push(o);
    if (Array.isArray(o)) {
      out += '[';
      for (let i = 0; i < o.length && !full(); i++) {
        if (i > 0) out += ',';
        write(o[i]);
      }
      out += ']';
    } else {
      out += '{';
      let first = true;
      for (const [k, x] of Object.entries(o as Obj)) {
        if (full()) break;
        if (!first) out += ',';
        first = false;
        out += JSON.stringify(k) + ':';
        write(x);
      }
      out += '}';
    }
    stack.pop();
  };
  write(value);
  return out.length > limit ? out.slice(0, limit - 1) + '…' : out;
}

// ------------------------------------------------------------------------------------------------- diff

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return 'a bigint';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      return 'an object';
  }
}

/** "an array" or "a number (12)": the kind, plus the value for anything that is not a container. */
function describeKind(v: unknown): string {
  const kind = kindOf(v);
  if (v === null || v === undefined || typeof v === 'object') return kind;
  return `${kind} (${formatValue(v, DIFF_VALUE_LEN)})`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function keyPath(path: string, key: string): string {
  return path + (IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
}

function items(n: number): string {
  return n === 1 ? '1 item' : `${n} items`;
}

/** Multiset difference by canonical JSON: the items of `from` not matched in `other`. */
function multisetMinus(from: unknown[], other: unknown[]): unknown[] {
  const counts = new Map<string, number>();
  for (const v of other) {
    const k = canonicalJson(v);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out: unknown[] = [];
  for (const v of from) {
    const k = canonicalJson(v);
    const c = counts.get(k) ?? 0;
    if (c > 0) counts.set(k, c - 1);
    else out.push(v);
  }
  return out;
}

function missingExtra(actual: unknown[], expected: unknown[]): string[] {
  const parts: string[] = [];
  const missing = multisetMinus(expected, actual);
  const extra = multisetMinus(actual, expected);
  if (missing.length) parts.push(`missing: ${formatValue(missing, DIFF_VALUE_LEN)}`);
  if (extra.length) parts.push(`extra: ${formatValue(extra, DIFF_VALUE_LEN)}`);
  return parts;
}

/** Strings longer than this are shown as an excerpt around their first difference. */
const LONG_STRING = 40;
const EXCERPT_CONTEXT = 15;

/** The quoted part of s around index i, with "…" where it was cut. */
function excerpt(s: string, i: number): string {
  const start = Math.max(0, i - EXCERPT_CONTEXT);
  const end = Math.min(s.length, i + EXCERPT_CONTEXT);
  const body = JSON.stringify(s.slice(start, end)).slice(1, -1);
  return `"${start > 0 ? '…' : ''}${body}${end < s.length ? '…' : ''}"`;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Collects up to `limit` difference lines (plus a count of the ones not listed). */
class DiffCollector {
  readonly lines: string[] = [];
  hidden = 0;
  constructor(readonly limit: number) {}
  add(line: string): void {
    if (this.lines.length < this.limit) this.lines.push(line);
    else this.hidden++;
  }
  get full(): boolean {
    return this.lines.length >= this.limit;
  }
}

function diffInto(out: DiffCollector, actual: unknown, expected: unknown, path: string, float: boolean): void {
  if (deepEqual(actual, expected, float)) return;
  const at = path ? `at ${path}: ` : '';
  const aArr = Array.isArray(actual);
  const eArr = Array.isArray(expected);
  if (aArr && eArr) {
    if (actual.length !== expected.length) {
      const extra = missingExtra(actual, expected);
      out.add(
        `length${path ? ` at ${path}` : ''}: expected ${items(expected.length)}, got ${actual.length}` +
          (extra.length ? ` (${extra.join('; ')})` : ''),
      );
      return;
    }
    for (let i = 0; i < expected.length; i++) {
      if (out.full) {
        // Count the remaining differences without describing them.
        if (!deepEqual(actual[i], expected[i], float)) out.hidden++;
        continue;
      }
      diffInto(out, actual[i], expected[i], `${path}[${i}]`, float);
    }
    return;
  }
  if (isPlainObject(actual) && isPlainObject(expected)) {
    const keys = definedKeys(expected);
    for (const k of keys) {
      const p = keyPath(path, k);
      if (actual[k] === undefined) out.add(`missing key ${p} (expected ${formatValue(expected[k], DIFF_VALUE_LEN)})`);
      else diffInto(out, actual[k], expected[k], p, float);
    }
    for (const k of definedKeys(actual)) {
      if (expected[k] === undefined) out.add(`unexpected key ${keyPath(path, k)} (${formatValue(actual[k], DIFF_VALUE_LEN)})`);
    }
    return;
  }
  if (kindOf(actual) !== kindOf(expected)) {
    out.add(`${at}expected ${describeKind(expected)}, got ${describeKind(actual)}`);
    return;
  }
  if (typeof actual === 'string' && typeof expected === 'string' && Math.max(actual.length, expected.length) > LONG_STRING) {
    // Long strings: show the neighbourhood of the first difference rather than a cut-off start.
    const i = firstDifference(actual, expected);
    out.add(`${at}expected ${excerpt(expected, i)}, got ${excerpt(actual, i)} (first difference at index ${i})`);
    return;
  }
  out.add(`${at}expected ${formatValue(expected, DIFF_VALUE_LEN)}, got ${formatValue(actual, DIFF_VALUE_LEN)}`);
}

/**
 * A readable description of how actual differs from expected, at most five lines; '' when they are
 * equal under the mode. Examples: "at [2]: expected 5, got 4", "length: expected 3 items, got 2 (missing: [7])",
 * "at .name: expected \"a\", got \"b\"", "expected an array, got a number (12)".
 */
export function describeDiff(actual: unknown, expected: unknown, mode: CompareMode): string {
  if (compareValues(actual, expected, mode)) return '';
  if (mode === 'unordered' && Array.isArray(actual) && Array.isArray(expected)) {
    const extra = missingExtra(actual, expected);
    if (actual.length !== expected.length) {
      return `length: expected ${items(expected.length)}, got ${actual.length}` + (extra.length ? ` (${extra.join('; ')})` : '');
    }
    if (extra.length) return `different items (order ignored): ${extra.join('; ')}`;
    // Same items by canonical JSON yet unequal (values JSON cannot tell apart): diff the sorted arrays.
    actual = sortByCanonical(actual);
    expected = sortByCanonical(expected);
  }
  const out = new DiffCollector(MAX_DIFF_LINES);
  diffInto(out, actual, expected, '', mode === 'float');
  if (out.hidden > 0) {
    // Keep the total at MAX_DIFF_LINES: the last line becomes the summary.
    const shown = out.lines.slice(0, MAX_DIFF_LINES - 1);
    const more = out.hidden + out.lines.length - shown.length;
    shown.push(`… and ${more} more difference${more === 1 ? '' : 's'}`);
    return shown.join('\n');
  }
  return out.lines.join('\n') || `expected ${formatValue(expected, DIFF_VALUE_LEN)}, got ${formatValue(actual, DIFF_VALUE_LEN)}`;
}
