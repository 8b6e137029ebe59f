/**
 * Text helpers shared by the analysis layer. Pure functions, no DOM.
 */

/** A word token and its position in the string it was found in. */
export interface WordToken {
  text: string;
  start: number;
  end: number;
}

/**
 * A word: letters/digits, optionally joined by apostrophes or hyphens ("don't", "e-mail"),
 * or by '.'/',' before digits ("1.5", "1,000"), optionally ending with '%' ("30%").
 */
const WORD_RE = /[\p{L}\p{N}]+(?:['\u2018\u2019-][\p{L}\p{N}]+|[.,]\p{N}+)*%?/gu;

/** Lowercase and turn curly quotes/apostrophes into straight ones. Length-preserving for ASCII text. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"');
}

/** Word tokens with their offsets in `text` (offsets refer to `text` as given). */
export function tokenizeWithOffsets(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index;
    tokens.push({ text: m[0], start, end: start + m[0].length });
  }
  return tokens;
}

/** The words of `text`, as written (not normalised). */
export function tokenizeWords(text: string): string[] {
  return tokenizeWithOffsets(text).map((t) => t.text);
}

export function countWords(text: string): number {
  return tokenizeWords(text).length;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Characters that make up words for phrase boundaries: ASCII letters/digits plus Latin-1 and
 * Latin Extended letters. Deliberately not \p{L}: lookbehinds over Unicode property classes make
 * every RegExp compile ~50x slower in V8, and the analysis compiles one per cue and keyword.
 */
const WORD_CLASS = '[0-9A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F]';
const WORD_CHAR_RE = new RegExp(WORD_CLASS);

function isWordChar(ch: string): boolean {
  return WORD_CHAR_RE.test(ch);
}

/** Not preceded by a word character, nor by "word." (so "js" does not match inside "node.js"). */
const BOUNDARY_BEFORE = `(?<!${WORD_CLASS}|${WORD_CLASS}\\.)`;
/** Not followed by a word character, '+' or '#' (so "c" does not match "c++"), nor by ".word". */
const BOUNDARY_AFTER = `(?![+#]|${WORD_CLASS}|\\.${WORD_CLASS})`;

/** RegExp source for "not preceded by a word character" (no "word." rule). */
export const NOT_AFTER_WORD_CHAR = `(?<!${WORD_CLASS})`;
/** RegExp source for "not followed by a word character". */
export const NOT_BEFORE_WORD_CHAR = `(?!${WORD_CLASS})`;

/**
 * Regular expression source matching `phrase` as a whole word/phrase in normalised text.
 * Spaces match any run of whitespace. Word boundaries are only enforced on sides where the
 * phrase starts/ends with a letter or digit, so "%" and "c++" work as expected.
 */
export function phrasePatternSource(phrase: string): string {
  const p = normalise(phrase).trim();
  const body = p.split(/\s+/).map(escapeRegExp).join('\\s+');
  const before = isWordChar(p.charAt(0)) ? BOUNDARY_BEFORE : '';
  const after = isWordChar(p.charAt(p.length - 1)) ? BOUNDARY_AFTER : '';
  return `${before}${body}${after}`;
}

const PHRASE_CACHE = new Map<string, RegExp>();

/** A non-global RegExp for `phrase` (see phrasePatternSource), cached. Apply it to normalised text. */
export function phraseRegExp(phrase: string): RegExp {
  let re = PHRASE_CACHE.get(phrase);
  if (!re) {
    re = new RegExp(phrasePatternSource(phrase));
    PHRASE_CACHE.set(phrase, re);
  }
  return re;
}

/** Does the phrase occur in `normalisedText` (already passed through `normalise`)? */
export function containsPhrase(normalisedText: string, phrase: string): boolean {
  if (phrase.trim() === '') return false;
  return phraseRegExp(phrase).test(normalisedText);
}

/** Index of the first occurrence of `phrase` in `normalisedText`, or -1. */
export function indexOfPhrase(normalisedText: string, phrase: string): number {
  if (phrase.trim() === '') return -1;
  return normalisedText.search(phraseRegExp(phrase));
}

/** Round to `decimals` decimal places. */
export function round(value: number, decimals = 0): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
