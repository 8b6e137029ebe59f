import { describe, it, expect } from 'vitest';
import { countWords, normalise, tokenizeWords, containsPhrase } from '../../src/analysis/text';

describe('tokenizeWords', () => {
  it('keeps contractions, hyphenated words and numbers as single words', () => {
    expect(tokenizeWords("I don't use e-mail, it's 30% slower and 1.5 times worse.")).toEqual([
      'I', "don't", 'use', 'e-mail', "it's", '30%', 'slower', 'and', '1.5', 'times', 'worse',
    ]);
  });

  it('handles curly apostrophes, thousands separators and punctuation-only text', () => {
    expect(tokenizeWords('We’re at 1,000 users — great!')).toEqual(['We’re', 'at', '1,000', 'users', 'great']);
    expect(tokenizeWords(' -- ... !! ')).toEqual([]);
  });

  it('counts words', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('One two,three  four.\nFive')).toBe(5);
  });
});

describe('normalise', () => {
  it('lowercases and straightens curly quotes', () => {
    expect(normalise('I’M “Fine” ‘Ok’')).toBe('i\'m "fine" \'ok\'');
  });
});

describe('containsPhrase', () => {
  it('matches whole words only', () => {
    expect(containsPhrase('the catalogue', 'cat')).toBe(false);
    expect(containsPhrase('a cat sat', 'cat')).toBe(true);
    expect(containsPhrase('as  a\nresult', 'as a result')).toBe(true);
  });
});
