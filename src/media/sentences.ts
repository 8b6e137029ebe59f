/**
 * Sentence splitting for text-to-speech and captions.
 *
 * `splitSentences` cuts text at sentence ends (. ! ? … and the CJK 。！？), keeping closing quotes and
 * brackets with their sentence (`?"`, `!'`, `.)`), without cutting at abbreviations (e.g., i.e., Mr., Dr.,
 * vs., U.S., initials), decimals (1.5), versions (v2.0), domains (example.com) or a mid-sentence
 * ellipsis ("I was… well"). A blank line also ends a sentence. Sentences longer than
 * `MAX_SENTENCE_CHARS` are cut again at a comma/semicolon/colon/dash near their middle (so the first
 * utterance starts quickly and none runs into Chromium's ~15 s cut-off).
 *
 * `SentenceStream` does the same incrementally (for streamed LLM tokens): a sentence is returned as soon
 * as the text after it decides that it has ended, and the concatenation of everything `push` and `flush`
 * return equals `splitSentences` of the whole text.
 */

/** Sentences longer than this are split again at a clause boundary. */
export const MAX_SENTENCE_CHARS = 220;
/** A clause split never leaves a piece shorter than this. */
const MIN_PIECE_CHARS = 20;

const TERMINATORS = new Set(['.', '!', '?', '…', '‽']);
/** Full-width terminators: sentences in CJK text are not followed by a space. */
const CJK_TERMINATORS = new Set(['。', '！', '？']);
/** Characters that belong to the sentence they follow: `?"`, `!'`, `.)`, `.”`. */
const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']', '}']);
/** Skipped when looking at the first letter of the next sentence. */
const OPENERS = new Set(['"', "'", '“', '‘', '«', '(', '[', '{', '¿', '¡']);

/** Never the end of a sentence when followed by more text (titles, Latin abbreviations…). */
const NEVER_END = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'rev', 'hon', 'gen', 'col', 'capt', 'lt', 'sgt',
  'gov', 'sen', 'rep', 'pres', 'supt', 'messrs',
  'e.g', 'i.e', 'eg', 'ie', 'vs', 'cf', 'viz', 'approx', 'ca', 'al', 'resp', 'incl', 'esp', 'dept', 'est', 'min', 'max',
]);
/** Abbreviations that often end a sentence: the end only when the next word starts with a capital. */
const MAY_END = new Set(['etc', 'inc', 'ltd', 'co', 'corp', 'llc', 'plc', 'bros', 'a.m', 'p.m', 'ph.d', 'phd', 'b.sc', 'm.sc']);
/** Abbreviations used before numbers: "No. 5", "fig. 3", "p. 12". */
const BEFORE_NUMBER = new Set(['no', 'nos', 'nr', 'fig', 'figs', 'p', 'pp', 'vol', 'ch', 'sec', 'art', 'op', 'ver', 'ed', 'eq']);

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const DIGIT = /^\p{Nd}$/u;
const SPACE = /^\s$/u;
/** Letters and digits: a piece without any is not worth speaking ("...", "—", a stray quote). */
const SPEAKABLE = /[\p{L}\p{N}]/u;
/** Single letters joined by dots: "U.S", "e.g", "U.S.A" (the last dot is the terminator). */
const INITIALISM = /^(?:\p{L}\.)+\p{L}$/u;

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE.test(ch);
}

/** Index of the first character after `i` that is not white space or an opening quote/bracket. */
function nextSignificant(text: string, i: number): number {
  let j = i;
  while (j < text.length && (isSpace(text[j]) || OPENERS.has(text[j] ?? ''))) j++;
  return j;
}

type Decision = 'end' | 'continue' | 'undecided';

/**
 * Decides whether the terminator run text[runStart, runEnd) (followed by its closers up to `after`, then
 * white space) ends the sentence that began at `sentenceStart`. 'undecided' (streaming only) when the
 * text needed to decide has not arrived yet.
 */
function decide(text: string, sentenceStart: number, runStart: number, runEnd: number, after: number, final: boolean): Decision {
  // Terminators must be followed by white space (or the end): "1.5", "example.com", "Hi!there" are not ends.
  if (after < text.length && !isSpace(text[after])) return 'continue';
  let wsEnd = after;
  while (wsEnd < text.length && isSpace(text[wsEnd])) wsEnd++;
  const ws = text.slice(after, wsEnd);
  if (/\n[^\S\n]*\n/.test(ws)) return 'end'; // a blank line always ends it
  const nextIndex = nextSignificant(text, after);
  const next = text[nextIndex];
  if (next === undefined) return final ? 'end' : 'undecided';

  const run = text.slice(runStart, runEnd);
  // "!"/"?" end the sentence, except inside a quotation that the sentence goes on after: 'He asked "why?" and left.'
  if (/[!?‽]/.test(run)) return after > runEnd && LOWER.test(next) ? 'continue' : 'end';
  const nextUpper = UPPER.test(next);

  // An ellipsis ends a sentence only when a capital follows: "I was… well, no." is one sentence.
  if (run.length > 1 || run.includes('…')) return nextUpper ? 'end' : 'continue';

  // A single '.': look at the word before it.
  let tokenStart = runStart;
  while (tokenStart > sentenceStart && !isSpace(text[tokenStart - 1])) tokenStart--;
  let word = text.slice(tokenStart, runStart);
  while (word.length > 0 && OPENERS.has(word[0] ?? '')) word = word.slice(1);
  const lower = word.toLowerCase();

  if (LOWER.test(next)) return 'continue'; // "approx. five", "a.k.a. the", an unknown abbreviation
  if (word === '') return 'end';
  // A list marker at the start of a sentence: "1. First", "2. Second".
  if (text.slice(sentenceStart, runStart).trim() === word && /^\p{N}+$/u.test(word)) return 'continue';
  if (NEVER_END.has(lower)) return 'continue';
  if (MAY_END.has(lower)) return nextUpper ? 'end' : 'continue';
  if (BEFORE_NUMBER.has(lower) && DIGIT.test(next)) return 'continue';
  if (INITIALISM.test(word)) return 'continue'; // "U.S. Army", "e.g. Rust"
  if (word.length === 1 && UPPER.test(word) && word !== 'I') return 'continue'; // initials: "John F. Kennedy"
  return 'end';
}

/** A paragraph break (blank line) starting at white space index i, or -1. Returns the index after it. */
function blankLineEnd(text: string, i: number): number {
  const re = /[^\S\n]*\n[^\S\n]*\n\s*/y;
  re.lastIndex = i;
  return re.exec(text) ? re.lastIndex : -1;
}

const LIST_ITEM = /[^\S\n]*(?:\p{N}{1,3}[.)]|[-*•])[^\S\n]/uy;
const LIST_ITEM_PREFIX = /^[^\S\n]*(?:\p{N}{1,3}[.)]?|[-*•])?$/u;

/** Whether a list item starts at i; 'undecided' when the text ends before it can be told. */
function listItemAt(text: string, i: number): boolean | 'undecided' {
  LIST_ITEM.lastIndex = i;
  if (LIST_ITEM.test(text)) return true;
  return LIST_ITEM_PREFIX.test(text.slice(i)) ? 'undecided' : false;
}

interface Scan {
  /** Raw sentences (untrimmed, not yet split for length). */
  pieces: string[];
  /** Index where the unfinished rest of the text begins. */
  rest: number;
}

/**
 * Finds sentence ends in `text`. With `final` false (streaming), stops at the first end that cannot be
 * decided yet and leaves the text from there on as the rest.
 */
function scan(text: string, final: boolean): Scan {
  const pieces: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (CJK_TERMINATORS.has(ch)) {
      let end = i + 1;
      while (end < text.length && (CJK_TERMINATORS.has(text[end] ?? '') || CLOSERS.has(text[end] ?? '') || text[end] === '」' || text[end] === '』')) end++;
      if (!final && end >= text.length) return { pieces, rest: start }; // more closers may follow
      pieces.push(text.slice(start, end));
      start = end;
      i = end;
      continue;
    }
    if (TERMINATORS.has(ch)) {
      let runEnd = i;
      while (runEnd < text.length && TERMINATORS.has(text[runEnd] ?? '')) runEnd++;
      let after = runEnd;
      while (after < text.length && CLOSERS.has(text[after] ?? '')) after++;
      if (!final && after >= text.length) return { pieces, rest: start }; // more terminators/closers may follow
      const d = decide(text, start, i, runEnd, after, final);
      if (d === 'undecided') return { pieces, rest: start };
      if (d === 'end') {
        pieces.push(text.slice(start, after));
        start = after;
      }
      i = after;
      continue;
    }
    if (ch === '\n') {
      // A blank line ends a sentence even without a terminator.
      let k = i;
      while (k > start && isSpace(text[k - 1]) && text[k - 1] !== '\n') k--;
      const blank = blankLineEnd(text, k);
      if (blank >= 0) {
        pieces.push(text.slice(start, k));
        start = blank;
        i = blank;
        continue;
      }
      // So does a line that starts a list item ("- foo", "2. bar", "3) baz").
      const item = listItemAt(text, i + 1);
      if (item === 'undecided' && !final) return { pieces, rest: start };
      if (item === true) {
        pieces.push(text.slice(start, i));
        start = i + 1;
      }
    }
    i++;
  }
  if (final) {
    pieces.push(text.slice(start));
    return { pieces, rest: text.length };
  }
  return { pieces, rest: start };
}

/** Candidate clause boundaries in a sentence: index where the second piece starts, with the cut index. */
function clauseCuts(s: string): Array<{ cut: number; next: number }> {
  const cuts: Array<{ cut: number; next: number }> = [];
  const re = /([,;:])\s+|\s+([-–—])\s+|(—)(?=\p{L})/gu;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[1]) cuts.push({ cut: m.index + 1, next: m.index + m[0].length });
    else if (m[2]) cuts.push({ cut: m.index + m[0].trimEnd().length, next: m.index + m[0].length });
    else cuts.push({ cut: m.index + 1, next: m.index + 1 });
  }
  return cuts;
}

/** Splits a trimmed sentence longer than MAX_SENTENCE_CHARS near its middle, recursively. */
function splitLong(s: string): string[] {
  if (s.length <= MAX_SENTENCE_CHARS) return [s];
  const mid = s.length / 2;
  const ok = (c: { cut: number; next: number }) => c.cut >= MIN_PIECE_CHARS && s.length - c.next >= MIN_PIECE_CHARS;
  let best = clauseCuts(s).filter(ok);
  if (best.length === 0) {
    // No clause boundary: fall back to the word boundary nearest the middle.
    const words: Array<{ cut: number; next: number }> = [];
    const re = /\s+/g;
    for (let m = re.exec(s); m; m = re.exec(s)) words.push({ cut: m.index, next: m.index + m[0].length });
    best = words.filter(ok);
  }
  if (best.length === 0) return [s];
  let pick = best[0]!;
  for (const c of best) if (Math.abs(c.cut - mid) < Math.abs(pick.cut - mid)) pick = c;
  const a = s.slice(0, pick.cut).trim();
  const b = s.slice(pick.next).trim();
  return [...splitLong(a), ...splitLong(b)];
}

/** Trims, drops pieces with nothing to say and splits long sentences. */
function finish(pieces: string[]): string[] {
  const out: string[] = [];
  for (const p of pieces) {
    const s = p.replace(/\s+/g, ' ').trim();
    if (!SPEAKABLE.test(s)) continue;
    out.push(...splitLong(s));
  }
  return out;
}

/** Splits text into sentences (trimmed, non-empty, long ones split at a clause near the middle). */
export function splitSentences(text: string): string[] {
  return finish(scan(text, true).pieces);
}

/**
 * Incremental sentence splitting for streamed text. `push` returns the sentences completed so far;
 * `flush` returns the rest at the end of the stream. push(a)+push(b)+…+flush() equals
 * splitSentences(a+b+…), whatever the chunking.
 */
export class SentenceStream {
  private buffer = '';

  /** Adds streamed text and returns the sentences it completed (often none). */
  push(textDelta: string): string[] {
    if (!textDelta) return [];
    this.buffer += textDelta;
    const { pieces, rest } = scan(this.buffer, false);
    if (pieces.length === 0) return [];
    this.buffer = this.buffer.slice(rest);
    return finish(pieces);
  }

  /** Ends the stream: returns the last sentence(s) and resets. */
  flush(): string[] {
    const text = this.buffer;
    this.buffer = '';
    return splitSentences(text);
  }

  /** Text received but not yet returned as a sentence. */
  get pending(): string {
    return this.buffer;
  }
}
