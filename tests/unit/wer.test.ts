import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseForWer, wordEditDistance, wordErrorRate } from '../../src/analysis/wer';
import { ROOT } from '../models-dir.mjs';

describe('normaliseForWer', () => {
  it('lowercases, strips punctuation, collapses spaces', () => {
    expect(normaliseForWer('  Hello,   World!  ')).toBe('hello world');
    expect(normaliseForWer('flower-fat and sauce.')).toBe('flower fat and sauce');
    expect(normaliseForWer('“Quoted” (text) [here]… — ok?')).toBe('quoted text here ok');
  });

  it('keeps contractions as one word and numbers as written', () => {
    expect(normaliseForWer("Don't stop, it's 1,000.5% OK")).toBe('dont stop its 1000.5 ok');
    expect(normaliseForWer('I’ve got 5 years, not five.')).toBe('ive got 5 years not five');
    expect(normaliseForWer('1,2,3')).toBe('1 2 3');
  });

  it('empty and punctuation-only text normalise to ""', () => {
    expect(normaliseForWer('')).toBe('');
    expect(normaliseForWer(' ... !? ')).toBe('');
  });
});

describe('wordErrorRate', () => {
  it('is 0 for identical text', () => {
    expect(wordErrorRate('the cat sat on the mat', 'the cat sat on the mat')).toBe(0);
  });

  it('counts a substitution', () => {
    expect(wordErrorRate('the cat sat on the mat', 'the cat sat on the hat')).toBeCloseTo(1 / 6, 12);
  });

  it('counts an insertion', () => {
    expect(wordErrorRate('the cat sat', 'the big cat sat')).toBeCloseTo(1 / 3, 12);
  });

  it('counts a deletion', () => {
    expect(wordErrorRate('the cat sat on the mat', 'the cat on the mat')).toBeCloseTo(1 / 6, 12);
  });

  it('ignores case and punctuation', () => {
    expect(wordErrorRate('Hello, World!', 'hello world')).toBe(0);
    expect(wordErrorRate('HE HOPED THERE WOULD BE STEW', ' He hoped there would be stew.')).toBe(0);
  });

  it('is 1.0 when every word is wrong', () => {
    expect(wordErrorRate('a b c', 'x y z')).toBe(1);
    expect(wordErrorRate('a b c', '')).toBe(1);
  });

  it('does not convert numbers: "five" vs "5" is a substitution', () => {
    // i→ive (sub), have (del), five→5 (sub): 3 edits / 7 reference words
    expect(wordErrorRate('I have worked here for five years', "I've worked here for 5 years")).toBeCloseTo(3 / 7, 12);
  });

  it('can exceed 1 with many insertions', () => {
    expect(wordErrorRate('yes', 'yes yes yes')).toBe(2);
  });

  it('handles an empty reference', () => {
    expect(wordErrorRate('', '')).toBe(0);
    expect(wordErrorRate(' . ', '')).toBe(0);
    expect(wordErrorRate('', 'hello')).toBe(1);
  });

  it('edit distance is symmetric in cost', () => {
    expect(wordEditDistance(['a', 'b', 'c'], ['a', 'c'])).toBe(1);
    expect(wordEditDistance(['a', 'c'], ['a', 'b', 'c'])).toBe(1);
    expect(wordEditDistance([], ['a'])).toBe(1);
  });

  it('LibriSpeech 1089-134686-0000 vs the whisper-tiny transcript (PITFALLS §3)', () => {
    const reference = readFileSync(join(ROOT, '..', 'shared', 'fixtures', 'speech', 'librispeech_1089-134686-0000.txt'), 'utf8');
    const hypothesis =
      ' He hoped there would be stew for dinner, turnips and carrots and bruised potatoes, and fat mutton pieces' +
      ' to be ladled out in thick, peppered flower-fat and sauce.';
    // 28 reference words; "flour fattened sauce" vs "flower fat and sauce":
    // flour→flower (sub), fattened→fat (sub), +and (ins) = 3 edits.
    expect(normaliseForWer(reference).split(' ')).toHaveLength(28);
    expect(wordErrorRate(reference, hypothesis)).toBeCloseTo(3 / 28, 12);
  });
});
