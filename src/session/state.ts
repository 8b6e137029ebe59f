import type { CodingAction, Competency, InterviewPlan, SessionEvent } from './types';

export type AskedEvent = Extract<SessionEvent, { type: 'asked' }>;
export type AnsweredEvent = Extract<SessionEvent, { type: 'answered' }>;
export type SkippedEvent = Extract<SessionEvent, { type: 'skipped' }>;
export type WarningEvent = Extract<SessionEvent, { type: 'warning' }>;

export type Outcome = AnsweredEvent | SkippedEvent;

/** The coding round of one prompt (a problem), derived from its 'coding' events. */
export interface CodingProgress {
  problemId: string;
  startT: number;
  code: string | null;
  language: 'js' | 'ts';
  runs: number;
  lastRun: { passed: number; total: number; compileError?: string; fatal?: string } | null;
  firstPassT: number | null;
  hints: { level: number; text: string }[];
  clarifications: { question: string; answer: string }[];
  complexity: Extract<CodingAction, { action: 'complexity' }> | null;
  submitted: Extract<CodingAction, { action: 'submit' }> | null;
}

/** Everything the UI and the scheduler need, derived only from the event log. */
export interface SessionState {
  plan: InterviewPlan | null;
  seed: string;
  engine: string;
  status: 'new' | 'running' | 'paused' | 'ended';
  endReason: 'completed' | 'ended-by-user' | null;
  phaseIndex: number;
  phaseStartT: number;
  prompts: AskedEvent[];
  outcomes: Map<number, Outcome>;
  /** The prompt awaiting an answer, if any. */
  current: AskedEvent | null;
  askedQuestionIds: Set<string>;
  /** Covered checklist competencies → the prompt whose answer covered it. */
  covered: Map<Competency, number>;
  /** Warnings already given, as `${phaseIndex}:${level}`. */
  warned: Set<string>;
  lastWarning: WarningEvent | null;
  probedTopics: string[];
  /** Coding rounds by prompt id. */
  coding: Map<number, CodingProgress>;
  lastT: number;
}

export function initialState(): SessionState {
  return {
    plan: null,
    seed: '',
    engine: '',
    status: 'new',
    endReason: null,
    phaseIndex: 0,
    phaseStartT: 0,
    prompts: [],
    outcomes: new Map(),
    current: null,
    askedQuestionIds: new Set(),
    covered: new Map(),
    warned: new Set(),
    lastWarning: null,
    probedTopics: [],
    coding: new Map(),
    lastT: 0,
  };
}

export function cloneState(s: SessionState): SessionState {
  return {
    ...s,
    prompts: [...s.prompts],
    outcomes: new Map(s.outcomes),
    askedQuestionIds: new Set(s.askedQuestionIds),
    covered: new Map(s.covered),
    warned: new Set(s.warned),
    probedTopics: [...s.probedTopics],
    coding: new Map(s.coding),
  };
}

/** Apply one event to a state (mutates `s`; use cloneState for a working copy). */
export function applyEvent(s: SessionState, e: SessionEvent): SessionState {
  s.lastT = Math.max(s.lastT, e.t);
  switch (e.type) {
    case 'started':
      s.plan = e.plan;
      s.seed = e.seed;
      s.engine = e.engine;
      s.status = 'running';
      break;
    case 'phase':
      s.phaseIndex = e.phaseIndex;
      s.phaseStartT = e.t;
      break;
    case 'asked':
      s.prompts.push(e);
      s.current = e.kind === 'closing' ? null : e;
      if (e.questionId !== undefined) s.askedQuestionIds.add(e.questionId);
      if (e.topic !== undefined && !s.probedTopics.includes(e.topic)) s.probedTopics.push(e.topic);
      if (e.problemId !== undefined) {
        s.coding.set(e.promptId, {
          problemId: e.problemId,
          startT: e.t,
          code: null,
          language: 'js',
          runs: 0,
          lastRun: null,
          firstPassT: null,
          hints: [],
          clarifications: [],
          complexity: null,
          submitted: null,
        });
      }
      break;
    case 'coding': {
      const c = s.coding.get(e.promptId);
      if (c) s.coding.set(e.promptId, applyCoding(c, e));
      break;
    }
    case 'answered':
    case 'skipped':
      s.outcomes.set(e.promptId, e);
      if (s.current?.promptId === e.promptId) s.current = null;
      break;
    case 'covered':
      if (!s.covered.has(e.competency)) s.covered.set(e.competency, e.promptId);
      break;
    case 'warning':
      s.warned.add(`${e.phaseIndex}:${e.level}`);
      s.lastWarning = e;
      break;
    case 'paused':
      if (s.status === 'running') s.status = 'paused';
      break;
    case 'resumed':
      if (s.status === 'paused') s.status = 'running';
      break;
    case 'ended':
      s.status = 'ended';
      s.endReason = e.reason;
      s.current = null;
      break;
    case 'repeated':
      break;
  }
  return s;
}

export function reduceEvents(events: readonly SessionEvent[]): SessionState {
  const s = initialState();
  for (const e of events) applyEvent(s, e);
  return s;
}

/** The prompts of the thread the current (or last) prompt belongs to: its main question and follow-ups. */
export function currentThread(s: SessionState): AskedEvent[] {
  let start = s.prompts.length - 1;
  while (start > 0 && s.prompts[start]?.kind === 'follow-up') start--;
  return start < 0 ? [] : s.prompts.slice(start);
}

export function uncoveredCompetencies(s: SessionState): Set<Competency> {
  return new Set((s.plan?.checklist ?? []).map((c) => c.competency).filter((c) => !s.covered.has(c)));
}

/** One coding event applied to a coding round (returns a new object: states are shared between snapshots). */
function applyCoding(c: CodingProgress, e: Extract<SessionEvent, { type: 'coding' }>): CodingProgress {
  switch (e.action) {
    case 'code':
      return { ...c, code: e.code, language: e.language };
    case 'run': {
      const lastRun = { passed: e.passed, total: e.total, ...(e.compileError ? { compileError: e.compileError } : {}), ...(e.fatal ? { fatal: e.fatal } : {}) };
      const passedAll = e.total > 0 && e.passed === e.total;
      return { ...c, runs: c.runs + 1, lastRun, firstPassT: c.firstPassT ?? (passedAll ? e.t : null) };
    }
    case 'hint':
      return { ...c, hints: [...c.hints, { level: e.level, text: e.text }] };
    case 'clarify':
      return { ...c, clarifications: [...c.clarifications, { question: e.question, answer: e.answer }] };
    case 'complexity':
      return { ...c, complexity: e };
    case 'submit':
      return { ...c, submitted: e };
  }
}
