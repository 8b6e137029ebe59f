/**
 * Types of the interviewer quality harness. Pure data (JSON-serialisable): the same shapes come out of the
 * Node run (tests/quality/quality.test.ts) and the browser run (tests/quality/browser.ts).
 */
import type { Competency, FollowUpRule, InterviewPlan, InterviewType, PhaseKind, PromptKind } from '../../src/session/types';

/** What a scripted candidate is told about the turn it answers. */
export interface CandidateTurn {
  /** The interviewer's line. */
  prompt: string;
  kind: PromptKind;
  phaseKind: PhaseKind;
  /** The follow-up rule behind a follow-up, if any. */
  rule?: FollowUpRule;
  /** The topic a follow-up probes (a job-description technology). */
  topic?: string;
  /** A coding-round problem (the candidate "codes" and submits a summary). */
  problemId?: string;
  competencies: Competency[];
  /** 0-based turn number in the session. */
  index: number;
  plan: InterviewPlan;
}

export type CandidateId = 'strong' | 'weak' | 'evasive' | 'off-topic' | 'jd-tech';

export interface Candidate {
  id: CandidateId;
  label: string;
  /** One sentence on how this candidate answers (shown in reports). */
  style: string;
  /** Whether every checklist item must be covered before time runs out (the strong candidates). */
  expectsFullCoverage: boolean;
  /** The answer to a turn, or null to skip it. Deterministic for a turn. */
  answer(turn: CandidateTurn): string | null;
}

export interface TranscriptTurn {
  promptId: number;
  kind: PromptKind;
  phaseIndex: number;
  phaseKind: PhaseKind;
  /** What the interviewer said. */
  text: string;
  /** Which engine wrote the line ('scripted' for a fallback, and for lines the scheduler writes itself). */
  engine: string;
  fallbackReason?: string;
  rule?: FollowUpRule;
  topic?: string;
  questionId?: string;
  problemId?: string;
  competencies: Competency[];
  /** Session time the line was said, ms. */
  t: number;
  /** Position of the line's event in the session log (orders lines and phase changes at the same time). */
  seq: number;
  /** The candidate's answer (null: skipped, or the closing line). */
  answer: string | null;
  skipped: boolean;
}

export interface Transcript {
  /** The engine under test (its id), e.g. 'scripted' or 'transformers:tiny-random-llama'. */
  engine: string;
  candidate: CandidateId;
  expectsFullCoverage: boolean;
  planType: InterviewType;
  seed: string;
  plan: InterviewPlan;
  turns: TranscriptTurn[];
  phases: { phaseIndex: number; kind: PhaseKind; reason: string; t: number; seq: number }[];
  covered: { competency: Competency; t: number; promptId: number }[];
  warnings: { phaseIndex: number; level: string; t: number }[];
  ended: { reason: 'completed' | 'ended-by-user'; t: number } | null;
  /** Session time at the end, ms. */
  durationMs: number;
  /** The runner stopped the loop (turn limit) before the interview ended. */
  truncated: boolean;
}

export const CRITERIA = ['completed', 'no-repeat', 'follow-up-refers', 'coverage', 'phases-in-order', 'no-leak', 'no-meta', 'attributed'] as const;
export type CriterionId = (typeof CRITERIA)[number];

export interface CriterionResult {
  id: CriterionId;
  /** Whether the criterion holds. */
  pass: boolean;
  /** False when the criterion is informational for this run (e.g. coverage for a weak candidate). */
  applies: boolean;
  /** A one-line summary (e.g. "7/9 covered"). */
  summary: string;
  /** Each violation, readable. */
  failures: string[];
}

export interface RunStats {
  turns: number;
  followUps: number;
  /** Lines the engine under test wrote. */
  engineLines: number;
  /** Turns that fell back to the scripted interviewer (with a reason). */
  fallbacks: number;
  fallbackReasons: Record<string, number>;
  covered: number;
  checklist: number;
  durationMin: number;
}

export interface RunResult {
  candidate: CandidateId;
  planType: InterviewType;
  seed: string;
  criteria: CriterionResult[];
  stats: RunStats;
  /** True when every criterion that applies passes. */
  pass: boolean;
  transcript?: Transcript;
}

export interface QualityReport {
  /** Format version of this JSON. */
  version: 1;
  engine: string;
  /** Free-form notes (e.g. the browser, the adapter, the model). */
  environment: Record<string, string>;
  runs: RunResult[];
  summary: { runs: number; passed: number; failedCriteria: Partial<Record<CriterionId, number>> };
}
