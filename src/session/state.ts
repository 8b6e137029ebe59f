import type { Competency, InterviewPlan, SessionEvent } from './types';

export type AskedEvent = Extract<SessionEvent, { type: 'asked' }>;
export type AnsweredEvent = Extract<SessionEvent, { type: 'answered' }>;
export type SkippedEvent = Extract<SessionEvent, { type: 'skipped' }>;
export type WarningEvent = Extract<SessionEvent, { type: 'warning' }>;

export type Outcome = AnsweredEvent | SkippedEvent;

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
      break;
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
