/**
 * Per-answer metrics: length, pace, fillers, STAR parts, keywords, numbers, I vs. we.
 */
import { countFillers } from './fillers';
import { findKeywords, type LexiconEntry } from './keywords';
import { detectStar, starCount, type StarDetection } from './star';
import { normalise, round, tokenizeWords } from './text';
import type { SpeechTiming } from '../session/types';

export type AnswerMode = 'typed' | 'spoken';

export interface AnswerMetrics {
  wordCount: number;
  /** Answering time: answered.t - answered.startedT (never negative). */
  durationMs: number;
  /** Null when durationMs < 3000 or wordCount === 0; rounded to an integer. */
  wordsPerMinute: number | null;
  /** Typed answers: WPM is typing speed; the UI marks it as typed. */
  mode: AnswerMode;
  fillers: { total: number; byFiller: Record<string, number>; perHundredWords: number };
  star: StarDetection;
  /** 0..4 */
  starCount: number;
  keywordsUsed: string[];
  /** Any digit, or a number word ("two", "twenty", "hundred", "half", "doubled"…). "one" does not count. */
  hasNumbers: boolean;
  /** I, me, my, mine, myself, I'm, I've, I'd, I'll */
  firstPersonSingular: number;
  /** we, us, our, ours, ourselves, we're, we've, we'd, we'll */
  firstPersonPlural: number;
  /** Spoken answers with microphone timing; null for typed answers. */
  speech: SpeechMetrics | null;
}

export interface SpeechMetrics {
  /** Speaking time: first to last detected speech, ms (WPM of spoken answers is based on it). */
  speakingMs: number;
  /** Silences over 2 s inside the answer. */
  pausesOver2s: number;
  longestPauseMs: number;
  /** Filler words per minute of speaking time (null when under 3 s of speech). */
  fillersPerMinute: number | null;
  /** Question → first word, ms; null if unknown. */
  firstWordMs: number | null;
}

export interface AnalyseOptions {
  durationMs: number;
  mode: AnswerMode;
  keywords: readonly string[];
  lexicon?: readonly LexiconEntry[];
  /** Microphone timing of a spoken answer. */
  speech?: SpeechTiming;
}

/** Below this answering time the WPM figure is meaningless. */
export const MIN_WPM_DURATION_MS = 3000;

/**
 * Number words signalling a quantity. "one" is left out on purpose: "one of our services",
 * "one day" are not results with numbers.
 */
const NUMBER_WORDS = new Set([
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty',
  'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions',
  'billion', 'billions', 'dozen', 'dozens', 'half', 'halved', 'double', 'doubled', 'tripled', 'twice', 'percent',
]);

const SINGULAR = new Set(['i', 'me', 'my', 'mine', 'myself', "i'm", "i've", "i'd", "i'll"]);
const PLURAL = new Set(['we', 'us', 'our', 'ours', 'ourselves', "we're", "we've", "we'd", "we'll"]);

function countIn(words: readonly string[], set: ReadonlySet<string>): number {
  return words.filter((w) => set.has(w)).length;
}

function hasNumber(text: string, words: readonly string[]): boolean {
  return /\d/.test(text) || words.some((w) => NUMBER_WORDS.has(w));
}

export function wordsPerMinute(wordCount: number, durationMs: number): number | null {
  if (durationMs < MIN_WPM_DURATION_MS || wordCount === 0) return null;
  return Math.round(wordCount / (durationMs / 60_000));
}

export function analyseAnswer(text: string, opts: AnalyseOptions): AnswerMetrics {
  const words = tokenizeWords(normalise(text));
  const wordCount = words.length;
  const durationMs = Math.max(0, opts.durationMs);
  const fillers = countFillers(text);
  const star = detectStar(text);
  const speech = opts.speech ? speechMetrics(opts.speech, fillers.total) : null;
  return {
    wordCount,
    durationMs,
    // Spoken answers: words over the time actually spent speaking, not the time since the question.
    wordsPerMinute: wordsPerMinute(wordCount, speech ? speech.speakingMs : durationMs),
    mode: opts.mode,
    fillers: {
      ...fillers,
      perHundredWords: wordCount === 0 ? 0 : round((fillers.total / wordCount) * 100, 1),
    },
    star,
    starCount: starCount(star),
    keywordsUsed: findKeywords(text, opts.keywords, opts.lexicon ?? []),
    hasNumbers: hasNumber(text, words),
    firstPersonSingular: countIn(words, SINGULAR),
    firstPersonPlural: countIn(words, PLURAL),
    speech,
  };
}

/** A pause counts when it is longer than this. */
export const LONG_PAUSE_MS = 2000;

function speechMetrics(s: SpeechTiming, fillers: number): SpeechMetrics {
  const pauses = s.pausesMs.filter((p) => p > LONG_PAUSE_MS);
  const speakingMs = Math.max(0, s.speakingMs);
  return {
    speakingMs,
    pausesOver2s: pauses.length,
    longestPauseMs: pauses.length ? Math.max(...pauses) : 0,
    fillersPerMinute: speakingMs < MIN_WPM_DURATION_MS ? null : round(fillers / (speakingMs / 60_000), 1),
    firstWordMs: s.firstWordMs,
  };
}

/** Comfortable conversational speaking pace, words per minute. */
export const COMFORTABLE_PACE = { min: 110, max: 170 } as const;

/** One plain-language line about pace. Typed answers are described as typing speed, not speaking pace. */
export function describePace(wpm: number | null, mode: AnswerMode): string {
  if (mode === 'typed') {
    return wpm === null
      ? 'typed answer — too short to measure typing speed'
      : `${wpm} words/min typed — this is typing speed, not speaking pace`;
  }
  if (wpm === null) return 'too short to measure speaking pace';
  if (wpm < COMFORTABLE_PACE.min) {
    return `slow — ${wpm} words/min; aim for about ${COMFORTABLE_PACE.min}–${COMFORTABLE_PACE.max} so you keep the listener with you`;
  }
  if (wpm > COMFORTABLE_PACE.max) {
    return `fast — ${wpm} words/min; slow down and pause between points`;
  }
  return `a comfortable pace (${wpm} words/min)`;
}
