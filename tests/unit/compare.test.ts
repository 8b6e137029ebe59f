import { describe, it, expect } from 'vitest';
import { canonicalJson, compareValues, describeDiff, formatValue } from '../../src/coding/compare';

describe('compareValues: exact', () => {
  it.each([
    ['numbers', 3, 3],
    ['strings', 'abc', 'abc'],
    ['booleans', false, false],
    ['null', null, null],
    ['-0 and 0', -0, 0],
    ['0 and -0 inside arrays', [0, [-0]], [-0, [0]]],
    ['empty arrays', [], []],
    ['empty objects', {}, {}],
    ['nested arrays', [[1, 2], [3, [4, 5]]], [[1, 2], [3, [4, 5]]]],
    ['objects with another key order', { a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 }],
    ['arrays of objects', [{ x: 1, y: 2 }], [{ y: 2, x: 1 }]],
    ['undefined-valued keys count as absent', { a: 1, b: undefined }, { a: 1 }],
  ])('equal: %s', (_name, actual, expected) => {
    expect(compareValues(actual, expected, 'exact')).toBe(true);
  });

  it.each([
    ['different numbers', 1, 2],
    ['number vs string', 5, '5'],
    ['null vs 0', null, 0],
    ['undefined vs null', undefined, null],
    ['false vs 0', false, 0],
    ['NaN never equals', NaN, NaN],
    ['array vs object', [], {}],
    ['different lengths', [1, 2], [1, 2, 3]],
    ['order matters', [1, 2, 3], [3, 2, 1]],
    ['nested difference', [[1, 2], [3, 4]], [[1, 2], [3, 5]]],
    ['missing key', { a: 1 }, { a: 1, b: 2 }],
    ['extra key', { a: 1, b: 2 }, { a: 1 }],
    ['different key', { a: 1 }, { b: 1 }],
    ['tiny float difference', 0.1 + 0.2, 0.3],
  ])('not equal: %s', (_name, actual, expected) => {
    expect(compareValues(actual, expected, 'exact')).toBe(false);
  });
});

describe('compareValues: unordered', () => {
  it('ignores the order of primitives at the top level', () => {
    expect(compareValues([3, 1, 2], [1, 2, 3], 'unordered')).toBe(true);
    expect(compareValues(['b', 'a'], ['a', 'b'], 'unordered')).toBe(true);
    expect(compareValues([10, 9, -1], [-1, 9, 10], 'unordered')).toBe(true);
  });

  it('ignores the order of inner arrays, but not the order inside them', () => {
    expect(compareValues([[-1, 0, 1], [-1, -1, 2]], [[-1, -1, 2], [-1, 0, 1]], 'unordered')).toBe(true);
    expect(compareValues([['ate', 'eat'], ['bat']], [['bat'], ['ate', 'eat']], 'unordered')).toBe(true);
    expect(compareValues([[1, 0, -1]], [[-1, 0, 1]], 'unordered')).toBe(false);
  });

  it('keeps multiplicity', () => {
    expect(compareValues([1, 1, 2], [1, 2, 2], 'unordered')).toBe(false);
    expect(compareValues([1, 2], [1, 2, 2], 'unordered')).toBe(false);
    expect(compareValues([[0, 0, 0], [0, 0, 0]], [[0, 0, 0]], 'unordered')).toBe(false);
  });

  it('treats -0 as 0 and objects by content', () => {
    expect(compareValues([-0, 1], [1, 0], 'unordered')).toBe(true);
    expect(compareValues([{ b: 2, a: 1 }, { c: 3 }], [{ c: 3 }, { a: 1, b: 2 }], 'unordered')).toBe(true);
  });

  it('compares non-arrays exactly', () => {
    expect(compareValues(5, 5, 'unordered')).toBe(true);
    expect(compareValues(5, [5], 'unordered')).toBe(false);
    expect(compareValues({ a: [2, 1] }, { a: [1, 2] }, 'unordered')).toBe(false);
  });
});

describe('compareValues: float', () => {
  it('accepts differences within 1e-6', () => {
    expect(compareValues(0.1 + 0.2, 0.3, 'float')).toBe(true);
    expect(compareValues(2.5000004, 2.5, 'float')).toBe(true);
    expect(compareValues([1.0000001, [2.9999999]], [1, [3]], 'float')).toBe(true);
    expect(compareValues({ x: 0.333333 + 1e-7 }, { x: 0.3333331 }, 'float')).toBe(true);
    expect(compareValues(-0, 0, 'float')).toBe(true);
  });

  it('rejects larger differences and other types', () => {
    expect(compareValues(2, 2.5, 'float')).toBe(false);
    expect(compareValues(1.00001, 1, 'float')).toBe(false);
    expect(compareValues([1, 2], [1, 2.1], 'float')).toBe(false);
    expect(compareValues('1', 1, 'float')).toBe(false);
    expect(compareValues(NaN, 0, 'float')).toBe(false);
  });

  it('scales the tolerance for large values', () => {
    expect(compareValues(1e12 + 1, 1e12, 'float')).toBe(true);
    expect(compareValues(1e12 + 1e7, 1e12, 'float')).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":1,"z":0}]},"b":1}');
  });

  it('follows JSON for special values and never throws', () => {
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson([undefined, NaN, Infinity])).toBe('[null,null,null]');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(10n)).toBe('"10n"');
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    expect(canonicalJson(cyclic)).toBe('[1,"[Circular]"]');
  });
});

describe('formatValue', () => {
  it('prints compact JSON-like text', () => {
    expect(formatValue([1, 'a', null, true, { k: [2] }])).toBe('[1,"a",null,true,{"k":[2]}]');
    expect(formatValue('he said "hi"')).toBe('"he said \\"hi\\""');
  });

  it('shows values JSON cannot', () => {
    expect(formatValue({ a: undefined, b: NaN, c: -0, d: 10n, e: Infinity })).toBe('{"a":undefined,"b":NaN,"c":0,"d":10n,"e":Infinity}');
    expect(formatValue(Symbol('x'))).toBe('Symbol(x)');
    expect(formatValue(function named() {})).toBe('[Function named]');
  });

  it('truncates long values to maxLen characters', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => i);
    const s = formatValue(big, 30);
    expect(s).toHaveLength(30);
    expect(s).toBe('[0,1,2,3,4,5,6,7,8,9,10,11,12…');
    expect(formatValue('abcdefghij', 5)).toBe('"abc…');
    expect(formatValue(big).length).toBe(200);
    expect(formatValue([1, 2, 3], 7)).toBe('[1,2,3]');
  });
});

describe('describeDiff', () => {
  it('is empty when the values match', () => {
    expect(describeDiff([1, 2], [1, 2], 'exact')).toBe('');
    expect(describeDiff([2, 1], [1, 2], 'unordered')).toBe('');
    expect(describeDiff(0.1 + 0.2, 0.3, 'float')).toBe('');
  });

  it.each([
    ['a wrong item', [1, 2, 4], [1, 2, 5], 'at [2]: expected 5, got 4'],
    ['a missing item', [1, 2], [1, 2, 7], 'length: expected 3 items, got 2 (missing: [7])'],
    ['an extra item', [1, 2, 7, 9], [1, 2, 7], 'length: expected 3 items, got 4 (extra: [9])'],
    ['missing and extra items', [1, 3], [1, 2, 7], 'length: expected 3 items, got 2 (missing: [2,7]; extra: [3])'],
    ['a single expected item', [], [4], 'length: expected 1 item, got 0 (missing: [4])'],
    ['a wrong property', { name: 'b' }, { name: 'a' }, 'at .name: expected "a", got "b"'],
    ['a wrong type at the top', 12, [1, 2], 'expected an array, got a number (12)'],
    ['a string instead of a number', '5', 5, 'expected a number (5), got a string ("5")'],
    ['null instead of a number', null, 3, 'expected a number (3), got null'],
    ['nothing returned', undefined, [1], 'expected an array, got undefined'],
    ['an object instead of an array', { a: 1 }, [1], 'expected an array, got an object'],
    ['a boolean', true, false, 'expected false, got true'],
    ['NaN', NaN, 1, 'expected 1, got NaN'],
    ['a nested value', [[1, 2], [3, 5]], [[1, 2], [3, 4]], 'at [1][1]: expected 4, got 5'],
    ['a nested length', [[1, 2], [3]], [[1, 2], [3, 4]], 'length at [1]: expected 2 items, got 1 (missing: [4])'],
    ['a deep property path', { a: [{ b: 1 }] }, { a: [{ b: 2 }] }, 'at .a[0].b: expected 2, got 1'],
  ])('describes %s', (_name, actual, expected, message) => {
    expect(describeDiff(actual, expected, 'exact')).toBe(message);
  });

  it('describes missing and unexpected keys', () => {
    expect(describeDiff({ a: 1, 'b c': 2 }, { a: 1, d: [1] }, 'exact')).toBe('missing key .d (expected [1])\nunexpected key ["b c"] (2)');
  });

  it('lists several differences, at most five lines', () => {
    expect(describeDiff([1, 2, 3], [0, 2, 0], 'exact')).toBe('at [0]: expected 0, got 1\nat [2]: expected 0, got 3');
    expect(describeDiff([1, 2, 3, 4, 5], [0, 0, 0, 0, 0], 'exact').split('\n')).toHaveLength(5);
    expect(describeDiff([1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 0, 0, 0], 'exact')).toBe(
      'at [0]: expected 0, got 1\nat [1]: expected 0, got 2\nat [2]: expected 0, got 3\nat [3]: expected 0, got 4\n… and 3 more differences',
    );
    const many = describeDiff(Array.from({ length: 1000 }, () => 1), Array.from({ length: 1000 }, () => 2), 'exact');
    expect(many.split('\n')).toHaveLength(5);
    expect(many.endsWith('… and 996 more differences')).toBe(true);
  });

  it('truncates long values', () => {
    const got = Array.from({ length: 100 }, (_, i) => i);
    const msg = describeDiff(got, [], 'exact');
    expect(msg.startsWith('length: expected 0 items, got 100 (extra: [0,1,2,3,')).toBe(true);
    expect(msg.length).toBeLessThan(120);
    expect(msg.endsWith('…)')).toBe(true);
  });

  it('shows where long strings differ', () => {
    const expected = 'x'.repeat(100) + 'abc' + 'y'.repeat(100);
    const actual = 'x'.repeat(100) + 'abd' + 'y'.repeat(100);
    expect(describeDiff(actual, expected, 'exact')).toBe(
      `expected "…${'x'.repeat(13)}abc${'y'.repeat(14)}…", got "…${'x'.repeat(13)}abd${'y'.repeat(14)}…" (first difference at index 102)`,
    );
    expect(describeDiff(['hello world'], ['hello there'], 'exact')).toBe('at [0]: expected "hello there", got "hello world"');
  });

  it('describes unordered results as missing and extra items', () => {
    expect(describeDiff([3, 1, 2], [1, 2, 4], 'unordered')).toBe('different items (order ignored): missing: [4]; extra: [3]');
    expect(describeDiff([3, 1], [1, 2, 3], 'unordered')).toBe('length: expected 3 items, got 2 (missing: [2])');
    expect(describeDiff([[-1, 0, 1], [-1, 0, 1]], [[-1, 0, 1]], 'unordered')).toBe('length: expected 1 item, got 2 (extra: [[-1,0,1]])');
    expect(describeDiff('a', ['a'], 'unordered')).toBe('expected an array, got a string ("a")');
  });

  it('uses the tolerance in float mode', () => {
    expect(describeDiff(2, 2.5, 'float')).toBe('expected 2.5, got 2');
    expect(describeDiff([1.0000001, 2], [1, 3], 'float')).toBe('at [1]: expected 3, got 2');
  });
});
