/**
 * Domain types shared by the session scheduler, the interviewer engines, the analysis
 * and persistence layers. Pure data: no DOM, no IndexedDB, no workers.
 */
import type { CameraBucket } from '../vision/types';

export type InterviewType = 'behavioural' | 'technical' | 'coding' | 'mixed';
export const INTERVIEW_TYPES: readonly InterviewType[] = ['mixed', 'behavioural', 'technical', 'coding'];

export type Seniority = 'junior' | 'mid' | 'senior' | 'staff';
export const SENIORITIES: readonly Seniority[] = ['junior', 'mid', 'senior', 'staff'];

/** Broad role families used to pick role-specific questions. */
export const ROLE_FAMILIES = ['engineering', 'data', 'product', 'design', 'management', 'general'] as const;
export type RoleFamily = (typeof ROLE_FAMILIES)[number];

export const COMPETENCIES = [
  'ownership',
  'conflict',
  'impact',
  'communication',
  'collaboration',
  'leadership',
  'adaptability',
  'problem-solving',
  'technical-depth',
  'system-design',
  'coding',
  'motivation',
] as const;
export type Competency = (typeof COMPETENCIES)[number];

export const PHASE_KINDS = ['intro', 'questions', 'technical', 'coding', 'candidate-questions', 'wrap-up'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

/** Category of a bank question; phases draw from one or more categories. */
export const QUESTION_CATEGORIES = ['intro', 'behavioural', 'technical', 'system-design', 'coding', 'role', 'candidate-questions', 'wrap-up'] as const;
export type QuestionCategory = (typeof QUESTION_CATEGORIES)[number];

export interface BankQuestion {
  /** Stable id, e.g. "beh-conflict-01". Never reused for a different question. */
  id: string;
  text: string;
  category: QuestionCategory;
  competencies: Competency[];
  /** Seniority levels this question suits. */
  seniority: Seniority[];
  /** Role families this question suits; 'general' means any role. */
  roles: RoleFamily[];
}

export interface PhasePlan {
  kind: PhaseKind;
  label: string;
  /** Time budget for this phase in minutes. */
  minutes: number;
  /** Question categories the phase draws from. */
  categories: QuestionCategory[];
  /** Competencies this phase is responsible for covering (subset of the plan's checklist). */
  competencies: Competency[];
}

export interface ChecklistItem {
  competency: Competency;
  label: string;
}

export interface InterviewPlan {
  type: InterviewType;
  role: string;
  roleFamily: RoleFamily;
  seniority: Seniority;
  totalMinutes: number;
  phases: PhasePlan[];
  checklist: ChecklistItem[];
  /** Keywords from the job description (technologies first). */
  keywords: string[];
}

/** What kind of interviewer line a turn is. */
export const PROMPT_KINDS = ['question', 'follow-up', 'intro', 'coding', 'candidate-questions', 'wrap-up', 'closing'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

/** Names of the rule-based follow-up rules (scripted engine). */
export const FOLLOW_UP_RULES = ['short-answer', 'no-first-person', 'no-result', 'jd-technology'] as const;
export type FollowUpRule = (typeof FOLLOW_UP_RULES)[number];

/** Measured timing of a spoken answer (from the voice activity detector). */
export interface SpeechTiming {
  /** From the first to the last detected speech, ms. */
  speakingMs: number;
  /** Silences over 2 s inside the answer, ms each. */
  pausesMs: number[];
  /** From the question being asked (or finishing being spoken) to the first word, ms; null if unknown. */
  firstWordMs: number | null;
  /** Length of the recorded audio, ms. */
  audioMs: number;
}

/** What happened in the coding round, recorded as 'coding' events of the prompt that introduced the problem. */
export type CodingAction =
  | { action: 'code'; code: string; language: 'js' | 'ts' }
  | { action: 'run'; passed: number; total: number; ms: number; compileError?: string; fatal?: string; failedNotes: string[] }
  | { action: 'hint'; level: number; text: string }
  | { action: 'clarify'; question: string; answer: string }
  | { action: 'complexity'; answer: string; time: ComplexityVerdict; space: ComplexityVerdict; feedback: string }
  | { action: 'submit'; passed: number; total: number; review: string[]; score: number };

export const COMPLEXITY_VERDICTS = ['correct', 'incorrect', 'missing'] as const;
export type ComplexityVerdict = (typeof COMPLEXITY_VERDICTS)[number];

/**
 * Session events: the append-only log persisted to IndexedDB. Every state of a session is
 * derived by replaying its events. `t` is session time in ms (active time only: paused time does
 * not count); `at` is the wall-clock time (epoch ms) for display.
 */
export type SessionEvent =
  | { type: 'started'; t: number; at: number; seed: string; engine: string; plan: InterviewPlan }
  | {
      type: 'asked';
      t: number;
      at: number;
      /** Sequential id of this prompt within the session (0, 1, 2…). */
      promptId: number;
      kind: PromptKind;
      text: string;
      phaseIndex: number;
      /** Bank question id for bank questions; follow-ups carry the parent's id in parentQuestionId. */
      questionId?: string;
      parentQuestionId?: string;
      competencies: Competency[];
      rule?: FollowUpRule;
      /** What a follow-up probes, e.g. the technology named by a 'jd-technology' follow-up. */
      topic?: string;
      /** Coding problem (coding round) this prompt introduces. */
      problemId?: string;
      /** Engine that produced the line (e.g. 'scripted'); a fallback reason when an engine failed. */
      engine?: string;
      fallbackReason?: string;
    }
  | {
      type: 'answered';
      t: number;
      at: number;
      promptId: number;
      text: string;
      /** Session time when the candidate started answering (first keystroke or first speech). */
      startedT: number;
      /** How the answer was given. */
      mode: 'typed' | 'spoken';
      /** Spoken answers: what the microphone measured. */
      speech?: SpeechTiming;
    }
  | { type: 'skipped'; t: number; at: number; promptId: number }
  | { type: 'repeated'; t: number; at: number; promptId: number }
  | { type: 'covered'; t: number; at: number; competency: Competency; promptId: number }
  | { type: 'phase'; t: number; at: number; phaseIndex: number; reason: 'start' | 'time-up' | 'covered' | 'done' | 'total-time-up' | 'ended-by-user' }
  | { type: 'warning'; t: number; at: number; phaseIndex: number; level: 'phase-running-long' | 'phase-time-up' | 'total-time-up' }
  | ({ type: 'coding'; t: number; at: number; promptId: number } & CodingAction)
  | { type: 'paused'; t: number; at: number }
  | { type: 'resumed'; t: number; at: number }
  | { type: 'ended'; t: number; at: number; reason: 'completed' | 'ended-by-user' }
  /** Camera cues (numbers only, one bucket per second; see src/vision/types.ts). Not a turn: replay ignores it. */
  | { type: 'camera'; t: number; at: number; buckets: CameraBucket[] };

export type SessionEventType = SessionEvent['type'];
