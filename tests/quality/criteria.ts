/**
 * The automatic quality criteria: each a pure function over a transcript, returning pass/fail with the
 * violations spelled out. They use the output guard's own measures (src/llm/guard.ts: similarity, the leak
 * and meta-text patterns through guardInterviewerLine / cleanModelText), so the harness and the guard
 * agree on what a repeat, a leak or meta-text is. No Node or DOM imports (they also run in the browser).
 */
import { cleanModelText, guardInterviewerLine, similarity } from '../../src/llm/guard';
import stopwordsJson from '../../src/analysis/data/stopwords.json';
import type { CriterionId, CriterionResult, Transcript, TranscriptTurn } from './types';

/** Near-duplicate threshold: the guard's (guardInterviewerLine rejects a line this similar to an earlier one). */
export const NEAR_DUPLICATE = 0.8;

const STOPWORDS: ReadonlySet<string> = new Set(stopwordsJson as string[]);

const result = (id: CriterionId, failures: string[], summary: string, applies = true): CriterionResult => ({ id, pass: failures.length === 0, applies, summary, failures });
const clip = (s: string, n = 90): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
const quote = (s: string, n = 90): string => JSON.stringify(clip(s, n));

/** Lines written by the scheduler itself, not by an interviewer engine (the closing line, a coding problem's introduction). */
export const isSchedulerLine = (t: TranscriptTurn): boolean => t.kind === 'closing' || t.problemId !== undefined;

export function sentences(text: string): string[] {
  return (text.match(/[^.!?]+[.!?]*/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

/** The question a line asks: its last sentence with a question mark, else its last sentence. */
export function questionPart(text: string): string {
  const ss = sentences(text);
  return [...ss].reverse().find((s) => s.includes('?')) ?? ss.at(-1) ?? text;
}

const normalise = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Content words: 4+ letters, not a stopword; a trailing plural "s" is dropped so "services" meets "service". */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().match(/[a-z][a-z'-]*[a-z]/g) ?? []) {
    const w = raw.replace(/'s$/, '');
    if (w.length < 4 || STOPWORDS.has(w)) continue;
    out.add(w.length >= 5 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
  }
  return out;
}

// ---- criteria --------------------------------------------------------------------------------------

/** The interview ran to its end: the closing line and an 'ended' event, not stopped by the runner. */
export function completed(tr: Transcript): CriterionResult {
  const f: string[] = [];
  if (tr.truncated) f.push('the runner stopped at its turn limit');
  if (!tr.ended) f.push('no ended event');
  if (tr.turns.at(-1)?.kind !== 'closing') f.push('the last line is not the closing line');
  return result('completed', f, tr.ended ? `${tr.ended.reason} after ${tr.turns.length} lines, ${(tr.durationMs / 60_000).toFixed(1)} min` : 'not ended');
}

/** No line asked twice: the same words, or a near-duplicate (the guard's similarity ≥ 0.8) of the whole line or of its question. */
export function noRepeatedQuestion(tr: Transcript): CriterionResult {
  const lines = tr.turns.filter((t) => t.kind !== 'closing');
  const f: string[] = [];
  for (let j = 1; j < lines.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = lines[i]!;
      const b = lines[j]!;
      const qa = questionPart(a.text);
      const qb = questionPart(b.text);
      const whole = similarity(a.text, b.text);
      const q = normalise(qa).split(' ').length >= 5 && normalise(qb).split(' ').length >= 5 ? similarity(qa, qb) : 0;
      if (normalise(a.text) === normalise(b.text) || whole >= NEAR_DUPLICATE || q >= NEAR_DUPLICATE) {
        f.push(`#${b.promptId} repeats #${a.promptId} (similarity ${Math.max(whole, q).toFixed(2)}): ${quote(b.text)}`);
        break;
      }
    }
  }
  return result('no-repeat', f, `${lines.length} lines, ${f.length} repeated`);
}

/**
 * Every follow-up refers to something the candidate said: it shares a content word (4+ letters, not a
 * stopword) with the answer it follows, or names the topic it probes. An answer with no content word at
 * all cannot be referred to; such follow-ups are counted apart, not failed.
 */
export function followUpsReferToAnswer(tr: Transcript): CriterionResult {
  const f: string[] = [];
  let n = 0;
  let nothingToQuote = 0;
  tr.turns.forEach((t, i) => {
    if (t.kind !== 'follow-up') return;
    n++;
    const prev = tr.turns[i - 1];
    const answer = prev?.answer ?? '';
    if (t.topic && t.text.toLowerCase().includes(t.topic.toLowerCase())) return;
    const said = contentWords(answer);
    if (said.size === 0) {
      nothingToQuote++;
      return;
    }
    const shared = [...contentWords(t.text)].filter((w) => said.has(w));
    if (shared.length === 0) f.push(`#${t.promptId} ${quote(t.text)} shares nothing with the answer ${quote(answer, 70)}`);
  });
  return result('follow-up-refers', f, `${n - f.length}/${n} follow-ups refer to the answer${nothingToQuote ? ` (${nothingToQuote} after an answer with no content word)` : ''}`);
}

/**
 * Every checklist item is covered before the interview's time runs out. Enforced for candidates who
 * answer fully (strong ones); for the others it reports the coverage only.
 */
export function checklistCovered(tr: Transcript): CriterionResult {
  const limit = tr.plan.totalMinutes * 60_000;
  const coveredAt = new Map(tr.covered.map((c) => [c.competency, c.t]));
  const f: string[] = [];
  for (const item of tr.plan.checklist) {
    const t = coveredAt.get(item.competency);
    if (t === undefined) f.push(`${item.label} never covered`);
    else if (t > limit) f.push(`${item.label} covered only at ${(t / 60_000).toFixed(1)} min, after the ${tr.plan.totalMinutes} min`);
  }
  const n = tr.plan.checklist.length;
  const summary = `${n - f.length}/${n} covered in time`;
  if (!tr.expectsFullCoverage) return { id: 'coverage', pass: f.length === 0, applies: false, summary, failures: f };
  return result('coverage', f, summary);
}

/** Phases start at 0 and only move forward, every line belongs to the phase in force, and the wrap-up comes last. */
export function phasesInOrder(tr: Transcript): CriterionResult {
  const f: string[] = [];
  const idx = tr.phases.map((p) => p.phaseIndex);
  if (idx[0] !== 0) f.push(`the first phase is ${idx[0]}, not 0`);
  for (let i = 1; i < idx.length; i++) if (idx[i]! <= idx[i - 1]!) f.push(`phase ${idx[i]} came after phase ${idx[i - 1]}`);
  let last = -1;
  for (const t of tr.turns) {
    if (t.phaseIndex < last) f.push(`#${t.promptId} is in phase ${t.phaseIndex} after phase ${last}`);
    last = Math.max(last, t.phaseIndex);
    const inForce = tr.phases.filter((p) => p.seq < t.seq).at(-1);
    if (!inForce) f.push(`#${t.promptId} was asked before any phase started`);
    else if (inForce.phaseIndex !== t.phaseIndex) f.push(`#${t.promptId} belongs to phase ${t.phaseIndex} but phase ${inForce.phaseIndex} was in force`);
  }
  const wrap = tr.plan.phases.findIndex((p) => p.kind === 'wrap-up');
  if (tr.ended && wrap >= 0 && idx.at(-1) !== wrap) f.push(`the interview ended in phase ${idx.at(-1)}, not the wrap-up (${wrap})`);
  return result('phases-in-order', f, idx.map((i) => tr.plan.phases[i]?.kind ?? i).join(' → '));
}

/** Code in an interviewer line: a fence, or a statement-like construct (an interviewer never writes code). */
const CODE = /```|=>|\bfunction\s*\w*\s*\([^)]*\)\s*\{|\breturn\s+[\w[({]|\b(?:const|let|var)\s+\w+\s*=|\bdef\s+\w+\s*\(|\bfor\s*\(|\bwhile\s*\(|[;{}]\s*$/m;

/** No line gives away an answer: the guard's leak patterns (per sentence) and no code. */
export function noSolutionLeaked(tr: Transcript): CriterionResult {
  const f: string[] = [];
  for (const t of tr.turns) {
    for (const s of sentences(t.text)) {
      const g = guardInterviewerLine(s, { requireQuestion: false, maxChars: 10_000 });
      if (!g.ok && g.reason === 'leak') f.push(`#${t.promptId} leaks: ${quote(s)}`);
    }
    if (CODE.test(t.text)) f.push(`#${t.promptId} contains code: ${quote(t.text)}`);
  }
  return result('no-leak', f, `${f.length} leaks in ${tr.turns.length} lines`);
}

const ROLE_TAG = /<\|[^|>]{1,40}\|>|\[\/?INST\]|<<\/?SYS>>|<\/?s>|(?:^|\n)\s*(?:\*\*)?(?:interviewer|assistant|candidate|user|system)(?:\*\*)?\s*:/i;

/** No meta-text: no role tags or speaker labels, and no sentence the guard would drop as meta ("As an AI…", "(Note: …)"). */
export function noMetaText(tr: Transcript): CriterionResult {
  const f: string[] = [];
  for (const t of tr.turns) {
    if (ROLE_TAG.test(t.text)) f.push(`#${t.promptId} has a role tag or speaker label: ${quote(t.text)}`);
    for (const s of sentences(t.text)) {
      if (/[a-z]/i.test(s) && cleanModelText(s) === '') f.push(`#${t.promptId} has meta-text: ${quote(s)}`);
    }
    if (/\((?:note|nb)\b/i.test(t.text)) f.push(`#${t.promptId} has a note: ${quote(t.text)}`);
  }
  return result('no-meta', f, `${f.length} meta-text in ${tr.turns.length} lines`);
}

/** Every line was written by the engine under test, or is a recorded fallback with its reason (or the scheduler's own line). */
export function linesAttributed(tr: Transcript): CriterionResult {
  const f: string[] = [];
  let own = 0;
  let fallbacks = 0;
  for (const t of tr.turns) {
    if (isSchedulerLine(t)) continue;
    if (t.engine === tr.engine && !t.fallbackReason) own++;
    else if (t.engine === 'scripted' && t.fallbackReason && t.fallbackReason.trim().length > 0) fallbacks++;
    else f.push(`#${t.promptId} by ${t.engine}${t.fallbackReason ? ` (${t.fallbackReason})` : ' without a fallback reason'}`);
  }
  return result('attributed', f, `${own} by the engine, ${fallbacks} fallbacks with a reason`);
}

export const CRITERION_FUNCTIONS: Record<CriterionId, (tr: Transcript) => CriterionResult> = {
  completed,
  'no-repeat': noRepeatedQuestion,
  'follow-up-refers': followUpsReferToAnswer,
  coverage: checklistCovered,
  'phases-in-order': phasesInOrder,
  'no-leak': noSolutionLeaked,
  'no-meta': noMetaText,
  attributed: linesAttributed,
};

export function evaluate(tr: Transcript, ids: readonly CriterionId[] = Object.keys(CRITERION_FUNCTIONS) as CriterionId[]): CriterionResult[] {
  return ids.map((id) => CRITERION_FUNCTIONS[id](tr));
}
