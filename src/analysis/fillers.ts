/**
 * Filler-word counting. The filler list lives in data/fillers.json; the context rules
 * (when "like", "kind of", "you know"… are NOT fillers) live here.
 */
import fillerList from './data/fillers.json';
import { normalise, tokenizeWithOffsets, type WordToken } from './text';

export interface FillerCount {
  total: number;
  /** Counts keyed by the filler as written in data/fillers.json (e.g. "um", "you know", "like"). */
  byFiller: Record<string, number>;
}

const FILLERS: readonly string[] = fillerList;
const SINGLE_FILLERS = new Set(FILLERS.filter((f) => !f.includes(' ')));
/** Multi-word fillers as token lists, longest first so that the longest match wins. */
const PHRASE_FILLERS: readonly string[][] = FILLERS.filter((f) => f.includes(' '))
  .map((f) => f.split(' '))
  .sort((a, b) => b.length - a.length);

const DETERMINERS = [
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'what', 'which', 'some', 'any', 'every', 'each', 'no',
  'one', 'same', 'all', 'my', 'your', 'our', 'their', 'his', 'her', 'its', 'whatever',
];

/** A phrase filler is not counted when directly preceded by one of these words. */
const PHRASE_NOT_AFTER: Readonly<Record<string, readonly string[]>> = {
  'kind of': DETERMINERS, // "what kind of database"
  'sort of': DETERMINERS, // "this sort of problem"
  'you know': ['do', 'did', 'does', "don't", "didn't", 'if', 'would', 'will', 'can', 'could', 'whether'], // "do you know…"
  'i mean': ['what', 'mean'], // "what I mean is…"
};

/** "like" directly after these words is a verb or a comparison, not a filler. */
const LIKE_NOT_AFTER = new Set([
  'would', "i'd", "we'd", "you'd", "they'd", "he'd", "she'd", 'look', 'looks', 'looked', 'looking', 'feel', 'feels',
  'felt', 'feeling', 'something', 'anything', 'nothing', 'just', 'seem', 'seems', 'seemed', 'sound', 'sounds',
  'sounded', 'more', 'much', 'really', 'also', 'i', 'we', 'you', 'they', 'do', 'did', "don't", "didn't", "doesn't",
  'exactly', 'not',
]);

/** "was like", "is like": quoting speech ("and he was like, …"). */
const LIKE_QUOTING_AFTER = new Set(['was', 'is', 'were', 'am', "i'm", "he's", "she's", "it's", "they're", "we're", "you're"]);

/** Collapse stretched interjections: "ummm" → "umm", "hmmmm" → "hmm", "errr" → "er". */
function canonical(word: string): string {
  const two = word.replace(/(.)\1{2,}/g, '$1$1');
  if (SINGLE_FILLERS.has(two)) return two;
  const one = two.replace(/(.)\1+/g, '$1');
  return SINGLE_FILLERS.has(one) && one !== 'like' ? one : two;
}

interface Ctx {
  text: string;
  tokens: WordToken[];
  words: string[];
}

/** The characters between token i-1 and token i (or from the start of the text). */
function gapBefore(ctx: Ctx, i: number): string {
  const prev = ctx.tokens[i - 1];
  const cur = ctx.tokens[i];
  return ctx.text.slice(prev ? prev.end : 0, cur ? cur.start : ctx.text.length);
}

/** The characters between token i and token i+1 (or to the end of the text). */
function gapAfter(ctx: Ctx, i: number): string {
  return gapBefore(ctx, i + 1);
}

function isPlainSpace(gap: string): boolean {
  return /^\s*$/.test(gap);
}

function phraseAt(ctx: Ctx, i: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) {
    if (ctx.words[i + k] !== phrase[k]) return false;
    if (k > 0 && !isPlainSpace(gapBefore(ctx, i + k))) return false;
  }
  const excluded = PHRASE_NOT_AFTER[phrase.join(' ')] ?? [];
  const prev = ctx.words[i - 1];
  return !(prev !== undefined && isPlainSpace(gapBefore(ctx, i)) && excluded.includes(prev));
}

/** Heuristics deciding whether the "like" at token i is a filler. */
function isFillerLike(ctx: Ctx, i: number): boolean {
  const prev = ctx.words[i - 1];
  const next = ctx.words[i + 1];
  const before = gapBefore(ctx, i);
  const after = gapAfter(ctx, i);
  const joinedBefore = prev !== undefined && isPlainSpace(before);
  const joinedAfter = next !== undefined && isPlainSpace(after);
  // Verb or comparison uses: "I'd like", "would like", "looks like", "like to"…
  if (joinedBefore && LIKE_NOT_AFTER.has(prev)) return false;
  if (joinedAfter && next === 'to') return false;
  // Filler uses.
  if (prev === undefined || /[.!?]/.test(before)) return true; // sentence start
  if (/[,;:\u2013\u2014(]/.test(before)) return true; // ", like"
  if (/^\s*[,;:\u2013\u2014]/.test(after)) return true; // "like,"
  if (next !== undefined && SINGLE_FILLERS.has(next) && next !== 'like') return true; // "like um"
  if (SINGLE_FILLERS.has(prev) && prev !== 'like') return true; // "um like"
  return joinedBefore && LIKE_QUOTING_AFTER.has(prev); // "he was like"
}

function add(counts: Record<string, number>, filler: string): void {
  counts[filler] = (counts[filler] ?? 0) + 1;
}

/** Count filler words and phrases. Each occurrence counts once, even for multi-word fillers. */
export function countFillers(text: string): FillerCount {
  const normalised = normalise(text);
  const tokens = tokenizeWithOffsets(normalised);
  const ctx: Ctx = { text: normalised, tokens, words: tokens.map((t) => canonical(t.text)) };
  const byFiller: Record<string, number> = {};
  let total = 0;
  let i = 0;
  while (i < tokens.length) {
    const phrase = PHRASE_FILLERS.find((p) => phraseAt(ctx, i, p));
    if (phrase) {
      add(byFiller, phrase.join(' '));
      total++;
      i += phrase.length;
      continue;
    }
    const word = ctx.words[i] ?? '';
    if (SINGLE_FILLERS.has(word) && (word !== 'like' || isFillerLike(ctx, i))) {
      add(byFiller, word);
      total++;
    }
    i++;
  }
  return { total, byFiller };
}
