import type { BankQuestion, Competency, FollowUpRule, InterviewPlan, PhasePlan, PromptKind, QuestionCategory } from './types';
import type { Rng } from './rng';

/** One exchange of the current question thread (the main question and its follow-ups). */
export interface ThreadTurn {
  question: string;
  kind: PromptKind;
  rule?: FollowUpRule;
  answer: string | null;
}

/** The last few exchanges of the session, oldest first (for an engine that writes its own lines). */
export interface RecentExchange {
  question: string;
  answer: string;
}

export interface FollowUpContext {
  plan: InterviewPlan;
  phase: PhasePlan;
  /** Category of the thread's main question (from the bank), when known. */
  category: QuestionCategory | null;
  thread: ThreadTurn[];
  lastAnswer: string;
  /** Rules already used in this thread (a rule fires at most once per thread). */
  usedRules: FollowUpRule[];
  /** Technologies already probed in this session. */
  probedTopics: string[];
  /** Every line the interviewer has said so far (an engine must not repeat one). */
  previousPrompts: string[];
  /** Checklist items not covered yet. */
  uncovered?: Competency[];
  recent?: RecentExchange[];
  rng: Rng;
}

export interface FollowUp {
  text: string;
  rule?: FollowUpRule;
  topic?: string;
}

export interface AskContext {
  plan: InterviewPlan;
  phase: PhasePlan;
  kind: PromptKind;
  /** The bank question the scheduler chose (the scripted engine says it as written). */
  question: BankQuestion;
  /** True for the first question of a phase: the line may introduce the phase. */
  firstInPhase: boolean;
  /** The candidate's previous answer, if any (for a transition). */
  previousAnswer: string | null;
  /** Every line the interviewer has said so far. */
  previousPrompts?: string[];
  uncovered?: Competency[];
  recent?: RecentExchange[];
  rng: Rng;
}

/**
 * The interviewer engine: what the scheduler asks of an interviewer. The scheduler decides what is
 * needed (which phase, which competency, whether a follow-up is allowed); the engine decides the words.
 * Implementations: the scripted interviewer (no model); later, LLM engines in a worker.
 */
export interface InterviewerEngine {
  readonly id: string;
  /** A follow-up on the candidate's last answer, or null to move on. */
  followUp(ctx: FollowUpContext): Promise<FollowUp | null>;
  /** The line that asks the chosen question. */
  phrase(ctx: AskContext): Promise<string>;
}
