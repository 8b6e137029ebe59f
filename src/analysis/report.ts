/**
 * The session report, derived only from the event log. Pure and deterministic.
 *
 * SCORING (transparent on purpose; see SCORING below for the constants)
 *
 * Per answer (0..5):
 *   - skipped, or an empty answer                      → 0
 *   - +1.5   substantive answer (≥ 20 words)
 *   - +0.5   per STAR part present (max +2.0)            for behavioural-like answers
 *     or +2.0 × min(1, words / 80)                       for technical-like answers
 *   - +1.0   the answer contains a number (digits, %, or a number word)
 *   - +0.5   "I" at least as often as "we" (or no "we" at all)
 *   - −0.5   more than 5 fillers per 100 words
 *   - clamped to 0..5
 *   With these constants a complete answer reaches exactly 5: behavioural 1.5 + 4 × 0.5 + 1.0 + 0.5,
 *   technical (≥ 80 words) 1.5 + 2.0 + 1.0 + 0.5.
 *
 * "Behavioural-like" vs "technical-like": the question category is not in the event log, so it
 * is inferred: a prompt of kind 'coding', or one tagged with technical-depth, system-design or
 * coding, is technical-like; everything else (behavioural, role, intro, motivation…) is
 * behavioural-like and judged on STAR parts.
 *
 * Per competency: covered when the log has a 'covered' event for it. Score = mean of the scores
 * of all answers (follow-ups included) to prompts tagged with the competency, skipped prompts
 * counting as 0; rounded to one decimal. Null when not covered (or covered without any answer).
 *
 * Overall: mean of the (rounded) covered competency scores, × 20, rounded → 0..100.
 */
import labelsJson from './data/competency-labels.json';
import { reduceEvents, type SessionState } from '../session/state';
import type { LexiconEntry } from './keywords';
import { analyseAnswer, type AnswerMetrics, type AnswerMode } from './metrics';
import { normalise, round } from './text';
import type {
  ChecklistItem,
  Competency,
  FollowUpRule,
  InterviewPlan,
  PromptKind,
  SessionEvent,
  ComplexityVerdict,
} from '../session/types';

export interface AnswerReport {
  promptId: number;
  kind: PromptKind;
  question: string;
  phaseIndex: number;
  phaseLabel: string;
  competencies: Competency[];
  rule?: FollowUpRule;
  /** Null when skipped or never answered. */
  answer: string | null;
  skipped: boolean;
  metrics: AnswerMetrics | null;
  /** Score of this answer (0..5, two decimals); 0 when skipped, null when never answered. */
  score: number | null;
  /** 0–3 concrete tips for this answer. */
  suggestions: string[];
}

export interface CompetencyReport {
  competency: Competency;
  label: string;
  covered: boolean;
  /** 0..5 with one decimal, null when not covered. */
  score: number | null;
  /** What the score is based on, in plain words. */
  basis: string;
  promptIds: number[];
}

export interface TranscriptEntry {
  speaker: 'interviewer' | 'candidate';
  text: string;
  t: number;
  promptId: number;
  skipped?: boolean;
}

export interface SessionTotals {
  words: number;
  fillers: number;
  answered: number;
  skipped: number;
  /**
   * Average words per minute (total words / total answering minutes) over spoken answers, or over
   * typed answers when nothing was spoken; null when not measurable. See wpmMode.
   */
  avgWpm: number | null;
  /** Which answers avgWpm is computed from ('typed' = typing speed). */
  wpmMode: AnswerMode | null;
  keywordsUsed: string[];
  /** 0..1: share of plan.keywords used in any answer (0 when the plan has no keywords). */
  keywordCoverage: number;
}

export interface SessionReport {
  sessionStartedAt: number;
  seed: string;
  engine: string;
  plan: InterviewPlan;
  /** Session time of the last event. */
  durationMs: number;
  endedBy: 'completed' | 'ended-by-user' | null;
  /** Every asked prompt except 'closing' lines, in order. */
  answers: AnswerReport[];
  /** One per checklist item, in checklist order. */
  competencies: CompetencyReport[];
  /** 0..100, null when no competency was covered. */
  overall: number | null;
  totals: SessionTotals;
  /** Up to 3 things to work on, most important first. */
  improvements: string[];
  transcript: TranscriptEntry[];
  /** Coding rounds (problems with hidden tests), in order. */
  coding: CodingReport[];
}

export interface CodingReport {
  promptId: number;
  problemId: string;
  language: 'js' | 'ts';
  passed: number;
  total: number;
  runs: number;
  /** From the problem being given to the first run passing every test. */
  timeToFirstPassMs: number | null;
  hintsUsed: number;
  complexity: { answer: string; time: ComplexityVerdict; space: ComplexityVerdict; feedback: string } | null;
  review: string[];
  /** 0..5 from the coding agent's formula; null when not submitted. */
  score: number | null;
  submitted: boolean;
  code: string | null;
}

export interface ReportOptions {
  lexicon?: readonly LexiconEntry[];
}

export const SCORING = {
  substantiveWords: 20,
  base: 1.5,
  perStarPart: 0.5,
  lengthMax: 2.0,
  lengthFullAtWords: 80,
  numbers: 1.0,
  ownVoice: 0.5,
  fillerPenalty: 0.5,
  fillerPenaltyAbovePerHundred: 5,
  max: 5,
} as const;

/** Session-level filler rate above which "cut fillers" becomes an improvement. */
const SESSION_FILLER_RATE = 3;
/** Keyword coverage below which "mention the job's keywords" becomes an improvement. */
const KEYWORD_COVERAGE_TARGET = 0.5;
/** Covered competencies scoring below this are worth working on. */
const WEAK_COMPETENCY_SCORE = 3;

const LABELS: Record<Competency, string> = labelsJson;
const TECHNICAL: ReadonlySet<Competency> = new Set<Competency>(['technical-depth', 'system-design', 'coding']);
/** Prompt kinds whose answers are expected to be substantive (length, STAR, depth). */
const SUBSTANTIVE_KINDS: ReadonlySet<PromptKind> = new Set<PromptKind>(['question', 'follow-up', 'coding', 'intro']);

type Started = Extract<SessionEvent, { type: 'started' }>;
type Asked = Extract<SessionEvent, { type: 'asked' }>;
type Answered = Extract<SessionEvent, { type: 'answered' }>;

/** Display label of a competency: the checklist's label when given, else the default label. */
export function competencyLabel(c: Competency, checklist: readonly ChecklistItem[] = []): string {
  return checklist.find((i) => i.competency === c)?.label ?? LABELS[c];
}

/** Technical-like prompts are judged on depth (length) instead of STAR parts. See the header. */
export function isTechnicalLike(kind: PromptKind, competencies: readonly Competency[]): boolean {
  return kind === 'coding' || competencies.some((c) => TECHNICAL.has(c));
}

/** Score of one answer, 0..5 (unrounded). Null metrics (skipped) score 0. See the header. */
export function scoreAnswer(metrics: AnswerMetrics | null, technicalLike: boolean): number {
  if (metrics === null || metrics.wordCount === 0) return 0;
  let score = metrics.wordCount >= SCORING.substantiveWords ? SCORING.base : 0;
  score += technicalLike
    ? SCORING.lengthMax * Math.min(1, metrics.wordCount / SCORING.lengthFullAtWords)
    : SCORING.perStarPart * metrics.starCount;
  if (metrics.hasNumbers) score += SCORING.numbers;
  if (metrics.firstPersonPlural === 0 || metrics.firstPersonSingular >= metrics.firstPersonPlural) {
    score += SCORING.ownVoice;
  }
  if (metrics.fillers.perHundredWords > SCORING.fillerPenaltyAbovePerHundred) score -= SCORING.fillerPenalty;
  return Math.min(SCORING.max, Math.max(0, score));
}

// ---------------------------------------------------------------------------------------------
// Small wording helpers

function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

function times(n: number): string {
  if (n === 0) return 'not at all';
  if (n === 1) return 'once';
  if (n === 2) return 'twice';
  return `${n} times`;
}

/** "a", "a and b", "a, b and c" */
function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** "'um' (4) and 'like' (2)": up to two fillers used at least twice, most frequent first. */
function mostFrequentFillers(byFiller: Record<string, number>): string {
  const top = Object.entries(byFiller)
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 2)
    .map(([f, n]) => `'${f}' (${n})`);
  return listWords(top);
}

// ---------------------------------------------------------------------------------------------
// Per-answer suggestions

const TIP = {
  skipped: 'You skipped this one. Next time take a moment, then say how you would approach it or give the closest example you have.',
  tooShort: 'Too short to judge: aim for 1–2 minutes with one concrete example.',
  result: 'Add the result: what changed, ideally with a number.',
  action: "Spell out your own actions: 'I decided…', 'I built…', 'I talked to…'.",
  scene: 'Set the scene first: one or two sentences on the situation and what you had to achieve.',
  depth: 'Go deeper: explain how it works, the trade-offs, and why you chose that approach.',
  quantify: 'Quantify the result if you can: time saved, % change, users or money affected.',
} as const;

function fillerTip(m: AnswerMetrics): string {
  const mostly = mostFrequentFillers(m.fillers.byFiller);
  return `Cut fillers: ${m.fillers.total} in ${plural(m.wordCount, 'word')}${mostly ? `, mostly ${mostly}` : ''}.`;
}

function weTip(m: AnswerMetrics): string {
  return `Say what you did yourself: you said 'we' ${times(m.firstPersonPlural)} and 'I' ${times(m.firstPersonSingular)}.`;
}

function saysWeMostly(m: AnswerMetrics): boolean {
  return m.firstPersonPlural >= 3 && m.firstPersonPlural > m.firstPersonSingular;
}

interface PromptInfo {
  kind: PromptKind;
  rule?: FollowUpRule;
  technicalLike: boolean;
}

/** Candidate tips in priority order (the caller keeps the first three). */
function tipsFor(m: AnswerMetrics, p: PromptInfo): string[] {
  const substantive = SUBSTANTIVE_KINDS.has(p.kind);
  if (substantive && m.wordCount < SCORING.substantiveWords) return [TIP.tooShort];
  const story = !p.technicalLike && p.kind === 'question';
  const wantsResult = story || (p.kind === 'follow-up' && p.rule === 'no-result');
  const tips: string[] = [];
  if (wantsResult && !m.star.result) tips.push(TIP.result);
  if (substantive && saysWeMostly(m)) tips.push(weTip(m));
  if (m.fillers.perHundredWords > SCORING.fillerPenaltyAbovePerHundred) tips.push(fillerTip(m));
  if (story && !m.star.action && !saysWeMostly(m)) tips.push(TIP.action);
  if (story && !m.star.situation && !m.star.task) tips.push(TIP.scene);
  if (substantive && p.technicalLike && m.wordCount < SCORING.lengthFullAtWords) tips.push(TIP.depth);
  if (story && m.star.result && !m.hasNumbers) tips.push(TIP.quantify);
  return tips;
}

function suggestionsFor(metrics: AnswerMetrics | null, skipped: boolean, p: PromptInfo): string[] {
  if (skipped) return [TIP.skipped];
  if (metrics === null) return [];
  return tipsFor(metrics, p).slice(0, 3);
}

// ---------------------------------------------------------------------------------------------
// Reading the log

interface PromptState {
  asked: Asked;
  answered?: Answered;
  skippedT?: number;
}

interface LogSummary {
  started: Started;
  prompts: PromptState[];
  covered: Set<Competency>;
  endedBy: SessionReport['endedBy'];
  durationMs: number;
  transcript: TranscriptEntry[];
}

function readLog(events: readonly SessionEvent[]): LogSummary {
  const started = events.find((e): e is Started => e.type === 'started');
  if (!started) throw new Error('buildReport: the event log has no "started" event');
  const byId = new Map<number, PromptState>();
  const prompts: PromptState[] = [];
  const covered = new Set<Competency>();
  const transcript: TranscriptEntry[] = [];
  let endedBy: SessionReport['endedBy'] = null;
  let durationMs = 0;
  for (const e of events) {
    durationMs = Math.max(durationMs, e.t);
    switch (e.type) {
      case 'asked':
        if (!byId.has(e.promptId)) {
          const state: PromptState = { asked: e };
          byId.set(e.promptId, state);
          prompts.push(state);
        }
        transcript.push({ speaker: 'interviewer', text: e.text, t: e.t, promptId: e.promptId });
        break;
      case 'answered': {
        const state = byId.get(e.promptId);
        if (state) state.answered = e; // the last answer wins
        transcript.push({ speaker: 'candidate', text: e.text, t: e.t, promptId: e.promptId });
        break;
      }
      case 'skipped': {
        const state = byId.get(e.promptId);
        if (state) state.skippedT = e.t;
        transcript.push({ speaker: 'candidate', text: '', t: e.t, promptId: e.promptId, skipped: true });
        break;
      }
      case 'covered':
        covered.add(e.competency);
        break;
      case 'ended':
        endedBy = e.reason;
        break;
      default:
        break;
    }
  }
  return { started, prompts, covered, endedBy, durationMs, transcript };
}

function answerReport(state: PromptState, plan: InterviewPlan, opts: ReportOptions): AnswerReport {
  const { asked, answered, skippedT } = state;
  const skipped = skippedT !== undefined && (answered === undefined || skippedT > answered.t);
  const given = skipped ? undefined : answered;
  const metrics = given
    ? analyseAnswer(given.text, {
        durationMs: given.t - given.startedT,
        mode: given.mode,
        ...(given.speech ? { speech: given.speech } : {}),
        keywords: plan.keywords,
        ...(opts.lexicon ? { lexicon: opts.lexicon } : {}),
      })
    : null;
  const technicalLike = isTechnicalLike(asked.kind, asked.competencies);
  const info: PromptInfo = { kind: asked.kind, technicalLike, ...(asked.rule ? { rule: asked.rule } : {}) };
  return {
    promptId: asked.promptId,
    kind: asked.kind,
    question: asked.text,
    phaseIndex: asked.phaseIndex,
    phaseLabel: plan.phases[asked.phaseIndex]?.label ?? `Phase ${asked.phaseIndex + 1}`,
    competencies: [...asked.competencies],
    ...(asked.rule ? { rule: asked.rule } : {}),
    answer: given ? given.text : null,
    skipped,
    metrics,
    score: skipped || metrics ? round(scoreAnswer(metrics, technicalLike), 2) : null,
    suggestions: suggestionsFor(metrics, skipped, info),
  };
}

// ---------------------------------------------------------------------------------------------
// Competencies

function basisFor(related: readonly AnswerReport[], covered: boolean): string {
  const scored = related.filter((a) => a.skipped || a.metrics !== null);
  if (!covered) {
    const touched = related.filter((a) => a.metrics !== null).length;
    return touched > 0
      ? `Not covered in this session (touched in ${plural(touched, 'answer')}, but not enough to count)`
      : 'Not covered in this session';
  }
  if (scored.length === 0) return 'Covered, but no answer to score';
  const skipped = scored.filter((a) => a.skipped).length;
  const head = `${plural(scored.length, 'answer')}${skipped > 0 ? ` (${skipped} skipped)` : ''}`;
  const given = scored.filter((a): a is AnswerReport & { metrics: AnswerMetrics } => a.metrics !== null);
  if (given.length === 0) return head;
  const stories = given.filter((a) => !isTechnicalLike(a.kind, a.competencies));
  const technical = given.filter((a) => isTechnicalLike(a.kind, a.competencies));
  const parts: string[] = [];
  if (stories.length > 0) parts.push(`STAR parts ${listWords(stories.map((a) => `${a.metrics.starCount}/4`))}`);
  if (technical.length > 0) parts.push(`length ${listWords(technical.map((a) => String(a.metrics.wordCount)))} words`);
  parts.push(`numbers in ${given.filter((a) => a.metrics.hasNumbers).length} of ${given.length}`);
  parts.push(plural(given.reduce((n, a) => n + a.metrics.fillers.total, 0), 'filler'));
  return `${head}: ${parts.join(', ')}`;
}

function competencyReports(
  plan: InterviewPlan,
  answers: readonly AnswerReport[],
  covered: ReadonlySet<Competency>,
  codingScores: ReadonlyMap<number, number> = new Map(),
): CompetencyReport[] {
  return plan.checklist.map((item) => {
    const related = answers.filter((a) => a.competencies.includes(item.competency));
    const isCovered = covered.has(item.competency);
    // A coding-round answer is scored on the code (tests, hints, complexity, review), not on its summary text.
    const scores = related
      .filter((a) => a.skipped || a.metrics !== null)
      .map((a) => codingScores.get(a.promptId) ?? scoreAnswer(a.metrics, isTechnicalLike(a.kind, a.competencies)));
    return {
      competency: item.competency,
      label: competencyLabel(item.competency, plan.checklist),
      covered: isCovered,
      score: isCovered && scores.length > 0 ? round(mean(scores), 1) : null,
      basis: basisFor(related, isCovered),
      promptIds: related.map((a) => a.promptId),
    };
  });
}

function overallScore(competencies: readonly CompetencyReport[]): number | null {
  const scores = competencies.map((c) => c.score).filter((s): s is number => s !== null);
  return scores.length === 0 ? null : Math.round((mean(scores) / SCORING.max) * 100);
}

// ---------------------------------------------------------------------------------------------
// Totals

type Given = AnswerReport & { metrics: AnswerMetrics };

function givenAnswers(answers: readonly AnswerReport[]): Given[] {
  return answers.filter((a): a is Given => a.metrics !== null);
}

function averageWpm(given: readonly Given[]): { avgWpm: number | null; wpmMode: AnswerMode | null } {
  const measurable = given.filter((a) => a.metrics.wordsPerMinute !== null);
  const spoken = measurable.filter((a) => a.metrics.mode === 'spoken');
  const pool = spoken.length > 0 ? spoken : measurable;
  if (pool.length === 0) return { avgWpm: null, wpmMode: null };
  const words = pool.reduce((n, a) => n + a.metrics.wordCount, 0);
  const minutes = pool.reduce((n, a) => n + (a.metrics.speech?.speakingMs ?? a.metrics.durationMs), 0) / 60_000;
  return { avgWpm: Math.round(words / minutes), wpmMode: spoken.length > 0 ? 'spoken' : 'typed' };
}

function totalsFor(plan: InterviewPlan, answers: readonly AnswerReport[]): SessionTotals {
  const given = givenAnswers(answers);
  const usedKeys = new Set(given.flatMap((a) => a.metrics.keywordsUsed.map((k) => normalise(k))));
  const keywordsUsed = plan.keywords.filter((k, i) => {
    const key = normalise(k);
    return usedKeys.has(key) && plan.keywords.findIndex((x) => normalise(x) === key) === i;
  });
  return {
    words: given.reduce((n, a) => n + a.metrics.wordCount, 0),
    fillers: given.reduce((n, a) => n + a.metrics.fillers.total, 0),
    answered: given.length,
    skipped: answers.filter((a) => a.skipped).length,
    ...averageWpm(given),
    keywordsUsed,
    keywordCoverage: plan.keywords.length === 0 ? 0 : keywordsUsed.length / plan.keywords.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Improvements (most important first)

function uncoveredImprovement(competencies: readonly CompetencyReport[]): string | null {
  const missing = competencies.filter((c) => !c.covered).map((c) => c.label);
  if (missing.length === 0) return null;
  return `Not covered: ${listWords(missing)}. Prepare a short example for ${missing.length === 1 ? 'it' : 'each'}: the situation, what you did, and the result.`;
}

function resultsImprovement(given: readonly Given[]): string | null {
  const stories = given.filter(
    (a) => a.kind === 'question' && !isTechnicalLike(a.kind, a.competencies) && a.metrics.wordCount >= SCORING.substantiveWords,
  );
  const noResult = stories.filter((a) => !a.metrics.star.result).length;
  if (noResult === 0) return null;
  return `Finish your stories with the result: ${noResult} of ${stories.length} had no clear outcome. Say what changed, ideally with a number.`;
}

function fillersImprovement(totals: SessionTotals, given: readonly Given[]): string | null {
  if (totals.words === 0) return null;
  const rate = round((totals.fillers / totals.words) * 100, 1);
  if (rate <= SESSION_FILLER_RATE) return null;
  const byFiller: Record<string, number> = {};
  for (const a of given) {
    for (const [f, n] of Object.entries(a.metrics.fillers.byFiller)) byFiller[f] = (byFiller[f] ?? 0) + n;
  }
  const mostly = mostFrequentFillers(byFiller);
  return `Cut fillers: ${totals.fillers} in ${plural(totals.words, 'word')} (${rate} per 100)${mostly ? `, mostly ${mostly}` : ''}. A short silent pause works better.`;
}

function fullerAnswersImprovement(answers: readonly AnswerReport[], given: readonly Given[]): string | null {
  const skipped = answers.filter((a) => a.skipped).length;
  const short = given.filter((a) => SUBSTANTIVE_KINDS.has(a.kind) && a.metrics.wordCount < SCORING.substantiveWords).length;
  if (skipped === 0 && short === 0) return null;
  const parts: string[] = [];
  if (skipped > 0) parts.push(`you skipped ${plural(skipped, 'question')}`);
  if (short > 0) parts.push(`${plural(short, 'answer')} ${short === 1 ? 'was' : 'were'} under ${SCORING.substantiveWords} words`);
  return `Give fuller answers: ${parts.join(' and ')}. Aim for 1–2 minutes with one concrete example.`;
}

function ownVoiceImprovement(given: readonly Given[]): string | null {
  const weMostly = given.filter((a) => SUBSTANTIVE_KINDS.has(a.kind) && saysWeMostly(a.metrics)).length;
  if (weMostly === 0) return null;
  return `Say what you did yourself: in ${plural(weMostly, 'answer')} you said 'we' more than 'I'.`;
}

function keywordsImprovement(plan: InterviewPlan, totals: SessionTotals): string | null {
  if (plan.keywords.length === 0 || totals.keywordCoverage >= KEYWORD_COVERAGE_TARGET) return null;
  const used = new Set(totals.keywordsUsed);
  const unused = plan.keywords.filter((k) => !used.has(k)).slice(0, 3);
  return `Connect your answers to the job: you never mentioned ${listWords(unused)}.`;
}

function weakestImprovement(competencies: readonly CompetencyReport[]): string | null {
  const weak = competencies
    .filter((c): c is CompetencyReport & { score: number } => c.score !== null && c.score < WEAK_COMPETENCY_SCORE)
    .sort((a, b) => a.score - b.score)[0];
  return weak ? `Strengthen ${weak.label} (${weak.score}/5): ${weak.basis}.` : null;
}

function improvementsFor(
  plan: InterviewPlan,
  answers: readonly AnswerReport[],
  competencies: readonly CompetencyReport[],
  totals: SessionTotals,
): string[] {
  const given = givenAnswers(answers);
  return [
    uncoveredImprovement(competencies),
    resultsImprovement(given),
    fillersImprovement(totals, given),
    fullerAnswersImprovement(answers, given),
    ownVoiceImprovement(given),
    keywordsImprovement(plan, totals),
    weakestImprovement(competencies),
  ]
    .filter((s): s is string => s !== null)
    .slice(0, 3);
}

// ---------------------------------------------------------------------------------------------

/** Build the session report from the event log. Throws when the log has no 'started' event. */
export function buildReport(events: readonly SessionEvent[], opts: ReportOptions = {}): SessionReport {
  const log = readLog(events);
  const plan = log.started.plan;
  const coding = codingReports(reduceEvents(events));
  const codingScores = new Map(coding.flatMap((c) => (c.score === null ? [] : [[c.promptId, c.score] as const])));
  const answers = log.prompts
    .filter((p) => p.asked.kind !== 'closing')
    .map((p) => answerReport(p, plan, opts))
    .map((a) => {
      const c = coding.find((x) => x.promptId === a.promptId);
      return c && c.score !== null && !a.skipped ? { ...a, score: c.score, suggestions: c.review.slice(0, 3) } : a;
    });
  const competencies = competencyReports(plan, answers, log.covered, codingScores);
  const totals = totalsFor(plan, answers);
  return {
    sessionStartedAt: log.started.at,
    seed: log.started.seed,
    engine: log.started.engine,
    plan,
    durationMs: log.durationMs,
    endedBy: log.endedBy,
    answers,
    competencies,
    overall: overallScore(competencies),
    totals,
    improvements: improvementsFor(plan, answers, competencies, totals),
    transcript: log.transcript,
    coding,
  };
}

/** The coding rounds of a session: tests passed, runs needed, time to first pass, hints, complexity, review. */
export function codingReports(state: SessionState): CodingReport[] {
  return [...state.coding.entries()].map(([promptId, c]) => ({
    promptId,
    problemId: c.problemId,
    language: c.language,
    passed: c.submitted?.passed ?? c.lastRun?.passed ?? 0,
    total: c.submitted?.total ?? c.lastRun?.total ?? 0,
    runs: c.runs,
    timeToFirstPassMs: c.firstPassT === null ? null : c.firstPassT - c.startT,
    hintsUsed: c.hints.length,
    complexity: c.complexity ? { answer: c.complexity.answer, time: c.complexity.time, space: c.complexity.space, feedback: c.complexity.feedback } : null,
    review: c.submitted?.review ?? [],
    score: c.submitted?.score ?? null,
    submitted: c.submitted !== null,
    code: c.code,
  }));
}
