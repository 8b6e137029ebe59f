/**
 * The output guard: what a language model wrote becomes something the interviewer may say, or is
 * rejected with a reason (and the turn falls back to the scripted interviewer). Pure.
 *
 * In order: special and role tokens are removed; text after the model starts writing the candidate's
 * part is cut; leading speaker labels, wrapping quotes, Markdown and meta-text ("As an AI…", "Here is a
 * follow-up question:", "(Note: …)") are stripped; then the line is rejected when it is empty, loops,
 * has no question, is overlong, reveals a model answer, or repeats an earlier line. Only the first
 * question is kept (one question at a time).
 */

export type GuardReason = 'empty' | 'repetition' | 'no-question' | 'too-long' | 'leak' | 'repeat' | 'meta';

export type GuardResult = { ok: true; text: string } | { ok: false; reason: GuardReason; detail: string };

export interface GuardOptions {
  /** Longest acceptable line, characters (after cleaning). */
  maxChars?: number;
  /** Everything the interviewer said before (no repeats). */
  previousPrompts?: readonly string[];
  /** Require a question mark (every interviewer turn asks something). Default true. */
  requireQuestion?: boolean;
}

/** Stop strings to pass to the engines: where a model starts a new turn or the candidate's part. */
export const STOP_SEQUENCES = ['<|im_end|>', '<|eot_id|>', '<|end|>', '</s>', '\nCandidate:', '\nUser:', '\nYou:', '\nInterviewee:', '\n\n\n'];

const SPECIAL_TOKENS = /<\|[^|>]{1,40}\|>|<\/?s>|\[\/?INST\]|<<\/?SYS>>|<\/?(?:assistant|user|system)>/gi;
/** A new speaker starts: everything from here on is not the interviewer's line. */
const OTHER_SPEAKER = /(?:^|\n|(?<=[.!?])\s+)\s*(?:\*\*)?(?:candidate|user|you|interviewee|human|applicant)(?:\*\*)?\s*:/i;
/** A chat-template role header left after its special tokens are removed ("<|im_start|>assistant\n…"). */
const ROLE_HEADER = /^\s*(?:assistant|system|model)\s*(?:\n|$)/i;
/** "Here is a follow-up question:" — the preamble goes, the question after the colon stays. */
const PREAMBLE = /(^|[.!?]\s+)here(?:'s| is) (?:a|an|the|my) (?:follow[- ]?up|question|next question|response|reply)[^:\n]{0,30}:\s*/gi;
const LEADING_LABEL = /^\s*(?:\*\*|__)?\s*(?:interviewer|assistant|ai|bot|system|response|reply|answer|question|follow[- ]?up(?: question)?|next question)\s*(?:\*\*|__)?\s*[:：-]\s*/i;
const META_SENTENCE =
  /\b(?:as an ai|as a language model|i am an ai|i'm an ai|language model|these instructions|my instructions|the prompt|system prompt|i hope this helps|let me know if|here(?:'s| is) (?:a|an|the|my) (?:follow[- ]?up|question|next question|response|reply)|i will now ask|as instructed|(?:word|token) limit)\b/i;
const OPENER_FILLER = /^\s*(?:sure|certainly|of course|okay|ok|absolutely)[,!.]\s+(?=\S)/i;
const LEAK =
  /\b(?:a (?:good|great|strong|ideal|model|sample|perfect) answer (?:would|could|might|is)|model answer|ideal answer|sample answer|example answer|the (?:correct|right) answer is|you (?:could|should|might) (?:say|answer|mention)|for example, you could|the solution is|here(?:'s| is) (?:the|a) solution|one (?:approach|solution) is to)\b/i;

const normalise = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function words(s: string): string[] {
  return normalise(s).split(' ').filter(Boolean);
}

/** True when the text loops: a word repeated 4+ times in a row, a 3-word phrase 3+ times, or very low variety. */
export function isLooping(text: string): boolean {
  const w = words(text);
  let run = 1;
  for (let i = 1; i < w.length; i++) {
    run = w[i] === w[i - 1] ? run + 1 : 1;
    if (run >= 4) return true;
  }
  const grams = new Map<string, number>();
  for (let i = 0; i + 2 < w.length; i++) {
    const g = `${w[i]} ${w[i + 1]} ${w[i + 2]}`;
    const n = (grams.get(g) ?? 0) + 1;
    if (n >= 3) return true;
    grams.set(g, n);
  }
  if (w.length >= 24 && new Set(w).size / w.length < 0.35) return true;
  // Character-level loops with no spaces ("ilityilityility…").
  return /(.{3,12})\1{2,}/.test(text.replace(/\s+/g, ''));
}

/** Word-set similarity of two lines (Jaccard), 0–1. */
export function similarity(a: string, b: string): number {
  const A = new Set(words(a));
  const B = new Set(words(b));
  if (A.size === 0 || B.size === 0) return 0;
  let inter = 0;
  for (const x of A) if (B.has(x)) inter++;
  return inter / (A.size + B.size - inter);
}

/** Cleaning only (no rejection): used for each streamed sentence before it is spoken. */
export function cleanModelText(raw: string): string {
  let t = raw.replace(SPECIAL_TOKENS, '\n');
  for (let i = 0; i < 2; i++) t = t.replace(ROLE_HEADER, '');
  const other = OTHER_SPEAKER.exec(t);
  if (other && other.index > 0) t = t.slice(0, other.index);
  else if (other && other.index === 0) t = '';
  t = t.replace(/```[\s\S]*?(?:```|$)/g, ' ').replace(/^\s+/, '');
  for (let i = 0; i < 3; i++) t = t.replace(LEADING_LABEL, '').replace(OPENER_FILLER, '');
  t = t.replace(PREAMBLE, '$1');
  t = t
    .replace(/\((?:note|nb|n\.b\.)[^)]*\)?/gi, ' ')
    .replace(/^\s*(?:note|nb)\s*:.*$/gim, ' ')
    .replace(/[*_#`>]+/g, '')
    .replace(/^\s*[-•]\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Whole-line quotes.
  const q = /^["“'‘](.*)["”'’]$/.exec(t);
  if (q?.[1]) t = q[1].trim();
  // Meta sentences are dropped, not fatal (unless nothing is left).
  const sentences = t.match(/[^.!?]+[.!?]*/g) ?? [];
  return sentences
    .filter((s) => !META_SENTENCE.test(s))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export function guardInterviewerLine(raw: string, opts: GuardOptions = {}): GuardResult {
  const maxChars = opts.maxChars ?? 360;
  const hadText = raw.replace(SPECIAL_TOKENS, '').trim().length > 0;
  let t = cleanModelText(raw);
  if (!t) return { ok: false, reason: hadText ? 'meta' : 'empty', detail: hadText ? 'only meta-text or role tags' : 'the model wrote nothing' };
  if (isLooping(raw) || isLooping(t)) return { ok: false, reason: 'repetition', detail: 'the model repeated itself' };
  if (LEAK.test(t)) return { ok: false, reason: 'leak', detail: 'the reply gave away an answer' };
  const requireQuestion = opts.requireQuestion ?? true;
  const qi = t.indexOf('?');
  if (qi >= 0) t = t.slice(0, qi + 1).trim(); // one question at a time
  else if (requireQuestion) return { ok: false, reason: 'no-question', detail: 'the reply asked nothing' };
  if (words(t).length < 3) return { ok: false, reason: 'empty', detail: 'the reply is too short' };
  if (t.length > maxChars) return { ok: false, reason: 'too-long', detail: `the reply is ${t.length} characters long` };
  // A repeat: the whole line, or its question sentence against the earlier line's last sentence (the
  // same question behind a different acknowledgement).
  const lastSentence = (x: string): string => (x.match(/[^.!?]+[.!?]*/g) ?? [x]).map((y) => y.trim()).filter(Boolean).at(-1) ?? x;
  for (const p of opts.previousPrompts ?? []) {
    if (normalise(p) === normalise(t) || similarity(p, t) >= 0.8 || similarity(lastSentence(p), lastSentence(t)) >= 0.8) {
      return { ok: false, reason: 'repeat', detail: 'the reply repeats an earlier question' };
    }
  }
  return { ok: true, text: t };
}

/**
 * The sentences of a line being written that may already be spoken: complete sentences (the last piece
 * may still grow) of the cleaned text, up to the first question, stopping before any sentence the guard
 * would reject (a leaked answer, a loop). The final line is still guarded as a whole.
 */
export function speakableDraft(cleanText: string, split: (t: string) => string[]): string[] {
  const all = split(cleanText);
  const complete = all.slice(0, -1);
  const out: string[] = [];
  for (const s of complete) {
    if (LEAK.test(s) || META_SENTENCE.test(s) || isLooping(s)) break;
    out.push(s);
    if (s.includes('?')) break;
  }
  return out;
}
