/**
 * valibot schemas for the session export file (see SessionExport in ./types). Used to validate an
 * imported file before anything is written: every field is type-checked and bounded so that a bad
 * or hostile file cannot smuggle in huge strings, huge arrays, non-finite numbers or unknown enum
 * values. Unknown keys are stripped (v.object), not rejected, so harmless extras from other
 * versions of the app do not block an import.
 *
 * Error messages are written as the tail of a sentence ("must be …") so the importer can prefix
 * them with the path of the failing field: "events[3].text must be a string of at most 20000
 * characters".
 */
import * as v from 'valibot';
import {
  COMPLEXITY_VERDICTS,
  COMPETENCIES,
  FOLLOW_UP_RULES,
  INTERVIEW_TYPES,
  PHASE_KINDS,
  PROMPT_KINDS,
  QUESTION_CATEGORIES,
  ROLE_FAMILIES,
  SENIORITIES,
  type ChecklistItem,
  type Competency,
  type FollowUpRule,
  type InterviewPlan,
  type InterviewType,
  type PhaseKind,
  type PhasePlan,
  type PromptKind,
  type QuestionCategory,
  type RoleFamily,
  type Seniority,
  type SessionEvent,
  type SessionEventType,
} from '../session/types';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type SessionExport,
  type SessionRecord,
  type SessionStatus,
  type SessionSummary,
} from './types';
import type { CameraBucket } from '../vision/types';
import type { PeerInfo, PeerRole } from '../peer/types';

// ---------------------------------------------------------------------------------------------
// Limits (one place)
// ---------------------------------------------------------------------------------------------

export const LIMITS = {
  /** Question and answer text, labels of free text. */
  text: 20_000,
  /** Names, roles, labels. */
  name: 200,
  seed: 64,
  /** Ids (session, profile, question) and engine names. */
  id: 100,
  /** Engine fallback reasons (short diagnostic text). */
  reason: 1_000,
  keyword: 100,
  keywords: 50,
  events: 5_000,
  phases: 12,
  checklist: 20,
  /** Competencies attached to one event / one phase. */
  competencies: 12,
  /** Question categories of one phase. */
  categories: 12,
  /** Keys of the summary's per-competency score map. */
  summaryCompetencies: 50,
  /** Pauses recorded per spoken answer. */
  pauses: 200,
  /** Candidate code in the coding round. */
  code: 100_000,
  /** Tests per problem, review points. */
  tests: 100,
  /** One-second camera buckets in one 'camera' event. */
  cameraBuckets: 3_600,
  /** Frames in one camera bucket (far above any camera's frame rate). */
  cameraFrames: 1_000,
  minMinutes: 1,
  maxMinutes: 240,
} as const;

// ---------------------------------------------------------------------------------------------
// Enum values (one place). INTERVIEW_TYPES and SENIORITIES already live in session/types; the
// others are declared here and checked for exhaustiveness against the TS unions below.
// ---------------------------------------------------------------------------------------------

export { ROLE_FAMILIES, COMPETENCIES, PHASE_KINDS, QUESTION_CATEGORIES, PROMPT_KINDS, FOLLOW_UP_RULES };
export const CODE_LANGUAGES = ['js', 'ts'] as const;
export const ANSWER_MODES = ['typed', 'spoken'] as const;
export const PHASE_REASONS = ['start', 'time-up', 'covered', 'done', 'total-time-up', 'ended-by-user'] as const;
export const WARNING_LEVELS = ['phase-running-long', 'phase-time-up', 'total-time-up'] as const;
export const END_REASONS = ['completed', 'ended-by-user'] as const;
export const SESSION_STATUSES = ['active', 'completed'] as const;
export const SESSION_EVENT_TYPES = [
  'started',
  'asked',
  'answered',
  'skipped',
  'repeated',
  'covered',
  'phase',
  'warning',
  'paused',
  'resumed',
  'ended',
  'coding',
  'camera',
] as const;

// ---------------------------------------------------------------------------------------------
// Field helpers (each carries a human message tail)
// ---------------------------------------------------------------------------------------------

const MSG_OBJECT = 'must be an object';

function str(max: number) {
  const msg = `must be a string of at most ${max} characters`;
  return v.pipe(v.string(msg), v.maxLength(max, msg));
}

/** Session time or wall-clock time in ms: finite and non-negative (fractions allowed). */
function time() {
  const msg = 'must be a finite number of at least 0';
  return v.pipe(v.number(msg), v.finite(msg), v.minValue(0, msg));
}

/** Whole number in [min, max]. */
function int(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  const msg = max === Number.MAX_SAFE_INTEGER ? `must be a whole number of at least ${min}` : `must be a whole number from ${min} to ${max}`;
  return v.pipe(v.number(msg), v.integer(msg), v.minValue(min, msg), v.maxValue(max, msg));
}

/** Any finite number (scores whose scale is owned by the analysis layer). */
function finite() {
  const msg = 'must be a finite number';
  return v.pipe(v.number(msg), v.finite(msg));
}

/** Finite number >= 0. */
function nonNegative() {
  return time();
}

function oneOf<const T extends readonly (string | number)[]>(options: T) {
  return v.picklist(options, `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
}

/**
 * Array of at most `max` items. The length is checked before any item is validated, so a huge
 * hostile array is rejected in O(1) rather than after validating every element.
 */
function list<TItem extends v.GenericSchema>(item: TItem, max: number) {
  return v.pipe(
    v.array(v.unknown(), 'must be a list'),
    v.maxLength(max, `must have at most ${max} items`),
    v.array(item, 'must be a list'),
  );
}

function obj<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.object(entries, MSG_OBJECT);
}

// ---------------------------------------------------------------------------------------------
// Plan
// ---------------------------------------------------------------------------------------------

const CompetencySchema = oneOf(COMPETENCIES);

export const PhasePlanSchema = obj({
  kind: oneOf(PHASE_KINDS),
  label: str(LIMITS.name),
  /**
   * Phase budgets may be fractional (a total split across phases), so only the range is checked:
   * more than 0 and at most the longest interview.
   */
  minutes: v.pipe(
    v.number(`must be a number greater than 0 and at most ${LIMITS.maxMinutes}`),
    v.finite(`must be a number greater than 0 and at most ${LIMITS.maxMinutes}`),
    v.gtValue(0, `must be a number greater than 0 and at most ${LIMITS.maxMinutes}`),
    v.maxValue(LIMITS.maxMinutes, `must be a number greater than 0 and at most ${LIMITS.maxMinutes}`),
  ),
  categories: list(oneOf(QUESTION_CATEGORIES), LIMITS.categories),
  competencies: list(CompetencySchema, LIMITS.competencies),
});

export const ChecklistItemSchema = obj({
  competency: CompetencySchema,
  label: str(LIMITS.name),
});

export const InterviewPlanSchema = obj({
  type: oneOf(INTERVIEW_TYPES),
  role: str(LIMITS.name),
  roleFamily: oneOf(ROLE_FAMILIES),
  seniority: oneOf(SENIORITIES),
  totalMinutes: int(LIMITS.minMinutes, LIMITS.maxMinutes),
  phases: v.pipe(list(PhasePlanSchema, LIMITS.phases), v.minLength(1, 'must have at least 1 item')),
  checklist: list(ChecklistItemSchema, LIMITS.checklist),
  keywords: list(str(LIMITS.keyword), LIMITS.keywords),
});

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

const base = { t: time(), at: time() } as const;
const promptId = int(0);
// Up to phases.length (not length - 1) so a "moved past the last phase" marker stays valid.
const phaseIndex = int(0, LIMITS.phases);

/** Share-like means are 0–1; movement is face widths per second (bounded, not a share). */
function unit() {
  const msg = 'must be a number from 0 to 1';
  return v.pipe(v.number(msg), v.finite(msg), v.minValue(0, msg), v.maxValue(1, msg));
}

export const CameraBucketSchema = obj({
  t: time(),
  ms: v.pipe(time(), v.maxValue(60_000, 'must be at most 60000')),
  frames: int(0, LIMITS.cameraFrames),
  face: int(0, LIMITS.cameraFrames),
  looking: int(0, LIMITS.cameraFrames),
  smile: unit(),
  brow: unit(),
  movement: v.pipe(nonNegative(), v.maxValue(1_000, 'must be at most 1000')),
  blinks: int(0, LIMITS.cameraFrames),
  speaking: int(0, LIMITS.cameraFrames),
  away: int(0, LIMITS.cameraFrames),
});

export const SessionEventSchema = v.variant(
  'type',
  [
    obj({
      type: v.literal('started'),
      ...base,
      seed: str(LIMITS.seed),
      engine: str(LIMITS.id),
      plan: InterviewPlanSchema,
    }),
    obj({
      type: v.literal('asked'),
      ...base,
      promptId,
      kind: oneOf(PROMPT_KINDS),
      text: str(LIMITS.text),
      phaseIndex,
      questionId: v.optional(str(LIMITS.id)),
      parentQuestionId: v.optional(str(LIMITS.id)),
      competencies: list(CompetencySchema, LIMITS.competencies),
      rule: v.optional(oneOf(FOLLOW_UP_RULES)),
      topic: v.optional(str(LIMITS.keyword)),
      problemId: v.optional(str(LIMITS.id)),
      engine: v.optional(str(LIMITS.id)),
      fallbackReason: v.optional(str(LIMITS.reason)),
    }),
    obj({
      type: v.literal('answered'),
      ...base,
      promptId,
      text: str(LIMITS.text),
      startedT: time(),
      mode: oneOf(ANSWER_MODES),
      speech: v.optional(
        obj({
          speakingMs: time(),
          pausesMs: list(time(), LIMITS.pauses),
          firstWordMs: v.nullable(time()),
          audioMs: time(),
        }),
      ),
    }),
    obj({ type: v.literal('skipped'), ...base, promptId }),
    obj({ type: v.literal('repeated'), ...base, promptId }),
    obj({ type: v.literal('covered'), ...base, competency: CompetencySchema, promptId }),
    obj({ type: v.literal('phase'), ...base, phaseIndex, reason: oneOf(PHASE_REASONS) }),
    obj({ type: v.literal('warning'), ...base, phaseIndex, level: oneOf(WARNING_LEVELS) }),
    v.variant('action', [
      obj({ type: v.literal('coding'), ...base, promptId, action: v.literal('code'), code: str(LIMITS.code), language: oneOf(CODE_LANGUAGES) }),
      obj({
        type: v.literal('coding'),
        ...base,
        promptId,
        action: v.literal('run'),
        passed: int(0, LIMITS.tests),
        total: int(0, LIMITS.tests),
        ms: time(),
        compileError: v.optional(str(LIMITS.reason)),
        fatal: v.optional(str(LIMITS.reason)),
        failedNotes: list(str(LIMITS.reason), LIMITS.tests),
      }),
      obj({ type: v.literal('coding'), ...base, promptId, action: v.literal('hint'), level: int(1, 3), text: str(LIMITS.text) }),
      obj({ type: v.literal('coding'), ...base, promptId, action: v.literal('clarify'), question: str(LIMITS.text), answer: str(LIMITS.text) }),
      obj({
        type: v.literal('coding'),
        ...base,
        promptId,
        action: v.literal('complexity'),
        answer: str(LIMITS.text),
        time: oneOf(COMPLEXITY_VERDICTS),
        space: oneOf(COMPLEXITY_VERDICTS),
        feedback: str(LIMITS.text),
      }),
      obj({
        type: v.literal('coding'),
        ...base,
        promptId,
        action: v.literal('submit'),
        passed: int(0, LIMITS.tests),
        total: int(0, LIMITS.tests),
        review: list(str(LIMITS.reason), LIMITS.tests),
        score: v.pipe(finite(), v.minValue(0, 'must be from 0 to 5'), v.maxValue(5, 'must be from 0 to 5')),
      }),
    ]),
    obj({ type: v.literal('paused'), ...base }),
    obj({ type: v.literal('resumed'), ...base }),
    obj({ type: v.literal('ended'), ...base, reason: oneOf(END_REASONS) }),
    obj({ type: v.literal('camera'), ...base, buckets: list(CameraBucketSchema, LIMITS.cameraBuckets) }),
  ],
  `must be one of ${SESSION_EVENT_TYPES.map((t) => JSON.stringify(t)).join(', ')}`,
);

// ---------------------------------------------------------------------------------------------
// Session record and envelope
// ---------------------------------------------------------------------------------------------

export const SessionSummarySchema = obj({
  overall: v.nullable(finite()),
  answered: int(0),
  skipped: int(0),
  words: int(0),
  fillers: int(0),
  avgWpm: v.nullable(nonNegative()),
  keywordCoverage: nonNegative(),
  competencies: v.pipe(
    v.record(v.string(), v.unknown(), MSG_OBJECT),
    v.check(
      (rec) => Object.keys(rec).length <= LIMITS.summaryCompetencies,
      `must have at most ${LIMITS.summaryCompetencies} entries`,
    ),
    v.record(str(LIMITS.id), v.nullable(finite()), MSG_OBJECT),
  ),
});

/** The AI interviewer's written feedback (src/llm/feedback.ts), stored with the session. */
export const AiFeedbackSchema = obj({
  engine: str(LIMITS.id),
  createdAt: time(),
  answers: list(
    obj({
      promptId: int(0),
      strengths: list(str(LIMITS.reason), 3),
      gaps: list(str(LIMITS.reason), 3),
      stronger: str(LIMITS.text),
      score: int(1, 5),
      source: oneOf(['ai', 'rules'] as const),
      fallbackReason: v.optional(str(LIMITS.reason)),
    }),
    LIMITS.events,
  ),
  competencies: list(
    obj({ competency: oneOf(COMPETENCIES), score: v.nullable(finite()), source: oneOf(['ai', 'rules', 'mixed'] as const) }),
    LIMITS.summaryCompetencies,
  ),
});

// ---------------------------------------------------------------------------------------------
// Peer interviews (src/peer): also used to validate data-channel messages
// ---------------------------------------------------------------------------------------------

export const PEER_ROLE_VALUES = ['interviewer', 'candidate'] as const;

export const TranscriptLineSchema = obj({
  id: v.pipe(str(64), v.minLength(1, 'must not be empty')),
  speaker: oneOf(PEER_ROLE_VALUES),
  text: v.pipe(str(4_000), v.minLength(1, 'must not be empty')),
  at: time(),
  promptId: v.nullable(int(0)),
  source: oneOf(['speech', 'typed'] as const),
});

export const RubricScoreSchema = obj({
  promptId: int(0),
  score: int(1, 5),
  notes: str(4_000),
  at: time(),
});

export const PeerRunSummarySchema = obj({
  problemId: v.pipe(str(LIMITS.id), v.minLength(1, 'must not be empty')),
  passed: int(0),
  total: int(0),
  ms: time(),
  compileError: v.optional(str(LIMITS.reason)),
  fatal: v.optional(str(LIMITS.reason)),
  tests: list(obj({ passed: v.boolean('must be true or false'), error: v.optional(str(LIMITS.reason)) }), LIMITS.tests),
  at: time(),
});

export const PeerInfoSchema = obj({
  role: oneOf(PEER_ROLE_VALUES),
  partnerName: str(LIMITS.name),
  half: int(1, 100),
  lines: list(TranscriptLineSchema, LIMITS.events),
  scores: list(RubricScoreSchema, LIMITS.events),
  code: v.nullable(v.pipe(str(4 * LIMITS.code), v.regex(/^[A-Za-z0-9_-]*$/, 'must be base64url'))),
  problemId: v.nullable(str(LIMITS.id)),
  language: oneOf(CODE_LANGUAGES),
  lastRun: v.nullable(PeerRunSummarySchema),
});

export const SessionRecordSchema = obj({
  id: v.pipe(str(LIMITS.id), v.minLength(1, 'must not be empty')),
  profileId: v.nullable(str(LIMITS.id)),
  profileName: str(LIMITS.name),
  role: str(LIMITS.name),
  seniority: oneOf(SENIORITIES),
  type: oneOf(INTERVIEW_TYPES),
  minutes: int(LIMITS.minMinutes, LIMITS.maxMinutes),
  seed: str(LIMITS.seed),
  engine: str(LIMITS.id),
  status: oneOf(SESSION_STATUSES),
  createdAt: time(),
  updatedAt: time(),
  endedAt: v.nullable(time()),
  checkpointT: time(),
  summary: v.nullable(SessionSummarySchema),
  aiFeedback: v.optional(AiFeedbackSchema),
  peer: v.optional(PeerInfoSchema),
});

export const SessionExportSchema = obj({
  format: v.literal(EXPORT_FORMAT, `must be ${JSON.stringify(EXPORT_FORMAT)}`),
  version: v.literal(EXPORT_VERSION, `must be ${EXPORT_VERSION}`),
  exportedAt: time(),
  app: str(LIMITS.name),
  session: SessionRecordSchema,
  events: list(SessionEventSchema, LIMITS.events),
});

// ---------------------------------------------------------------------------------------------
// Compile-time checks: schemas and value lists agree with the TypeScript types (both ways).
// ---------------------------------------------------------------------------------------------

type Assert<T extends true> = T;
/** Mutual assignability (non-distributive). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Out<S extends v.GenericSchema> = v.InferOutput<S>;

type EventOf<K extends SessionEventType> = Extract<SessionEvent, { type: K }>;

export type _ExportSchemaChecks = [
  // Value lists cover exactly the TS unions.
  Assert<Same<(typeof ROLE_FAMILIES)[number], RoleFamily>>,
  Assert<Same<(typeof COMPETENCIES)[number], Competency>>,
  Assert<Same<(typeof PHASE_KINDS)[number], PhaseKind>>,
  Assert<Same<(typeof QUESTION_CATEGORIES)[number], QuestionCategory>>,
  Assert<Same<(typeof PROMPT_KINDS)[number], PromptKind>>,
  Assert<Same<(typeof FOLLOW_UP_RULES)[number], FollowUpRule>>,
  Assert<Same<(typeof ANSWER_MODES)[number], EventOf<'answered'>['mode']>>,
  Assert<Same<(typeof PHASE_REASONS)[number], EventOf<'phase'>['reason']>>,
  Assert<Same<(typeof WARNING_LEVELS)[number], EventOf<'warning'>['level']>>,
  Assert<Same<(typeof END_REASONS)[number], EventOf<'ended'>['reason']>>,
  Assert<Same<(typeof SESSION_STATUSES)[number], SessionStatus>>,
  Assert<Same<(typeof SESSION_EVENT_TYPES)[number], SessionEventType>>,
  Assert<Same<(typeof INTERVIEW_TYPES)[number], InterviewType>>,
  Assert<Same<(typeof SENIORITIES)[number], Seniority>>,
  // Schema outputs are assignable to the TS types, and the TS types to the schema outputs.
  Assert<Same<Out<typeof PhasePlanSchema>, PhasePlan>>,
  Assert<Same<Out<typeof ChecklistItemSchema>, ChecklistItem>>,
  Assert<Same<Out<typeof InterviewPlanSchema>, InterviewPlan>>,
  Assert<Same<Out<typeof CameraBucketSchema>, CameraBucket>>,
  Assert<Same<Out<typeof SessionEventSchema>, SessionEvent>>,
  Assert<Same<Out<typeof SessionSummarySchema>, SessionSummary>>,
  Assert<Same<(typeof PEER_ROLE_VALUES)[number], PeerRole>>,
  Assert<Same<Out<typeof PeerInfoSchema>, PeerInfo>>,
  Assert<Same<Out<typeof SessionRecordSchema>, SessionRecord>>,
  Assert<Same<Out<typeof SessionExportSchema>, SessionExport>>,
];
