/**
 * The data-channel message protocol between two peers. Versioned; every message is validated on receipt.
 * Anything unknown, malformed or oversized is dropped (and logged by the caller), never thrown; a message
 * from another protocol version is reported as such so the UI can say "peer uses a different app version".
 */
import * as v from 'valibot';
import { SessionEventSchema, InterviewPlanSchema, LIMITS, TranscriptLineSchema, RubricScoreSchema, PeerRunSummarySchema } from '../db/export-schema';
import { INTERVIEW_TYPES, SENIORITIES } from '../session/types';
import { PEER_ROLES } from './codec';
import type { SessionEvent } from '../session/types';
import type { PlanInput } from '../session/plan-input';
import type { PeerRole, PeerRunSummary, RubricScore, TranscriptLine } from './types';

export const PROTOCOL_VERSION = 1;
/** Largest message accepted (characters of JSON). Senders chunk event batches well below it. */
export const MAX_MESSAGE_CHARS = 200_000;
/** Events per 'events' message. */
export const EVENTS_PER_MESSAGE = 40;

const str = (max: number) => v.pipe(v.string(), v.maxLength(max));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.id));
const nat = v.pipe(v.number(), v.integer(), v.minValue(0));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const b64 = (max: number) => v.pipe(v.string(), v.maxLength(max), v.regex(/^[A-Za-z0-9_-]*$/));

const PlanInputSchema = v.object({
  type: v.picklist(INTERVIEW_TYPES),
  role: str(LIMITS.name),
  seniority: v.picklist(SENIORITIES),
  minutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(240)),
  jobDescription: str(LIMITS.text),
});

const SessionMetaSchema = v.object({
  sessionId: id,
  half: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  plan: InterviewPlanSchema,
  seed: str(LIMITS.seed),
  createdAt: time,
});

const V = v.literal(PROTOCOL_VERSION);
const MessageSchema = v.variant('type', [
  v.object({ v: V, type: v.literal('hello'), app: str(LIMITS.name), name: str(LIMITS.name), role: v.picklist(PEER_ROLES), planInput: v.optional(PlanInputSchema) }),
  v.object({ v: V, type: v.literal('session'), meta: SessionMetaSchema }),
  v.object({ v: V, type: v.literal('sync-request'), sessionId: id, have: nat }),
  v.object({ v: V, type: v.literal('events'), sessionId: id, from: nat, events: v.pipe(v.array(SessionEventSchema), v.maxLength(EVENTS_PER_MESSAGE)) }),
  v.object({ v: V, type: v.literal('clock'), sessionId: id, t: time, running: v.boolean() }),
  v.object({ v: V, type: v.literal('lines'), sessionId: id, lines: v.pipe(v.array(TranscriptLineSchema), v.maxLength(50)) }),
  v.object({ v: V, type: v.literal('scores'), sessionId: id, scores: v.pipe(v.array(RubricScoreSchema), v.maxLength(500)) }),
  v.object({ v: V, type: v.literal('yjs'), update: b64(190_000) }),
  v.object({ v: V, type: v.literal('yjs-sv'), sv: b64(10_000) }),
  v.object({ v: V, type: v.literal('problem'), sessionId: id, problemId: id, language: v.picklist(['js', 'ts'] as const) }),
  v.object({ v: V, type: v.literal('run-request'), sessionId: id }),
  v.object({ v: V, type: v.literal('run-result'), sessionId: id, run: PeerRunSummarySchema }),
  v.object({ v: V, type: v.literal('run-started'), sessionId: id }),
  v.object({ v: V, type: v.literal('swap'), half: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)) }),
  v.object({ v: V, type: v.literal('ready'), planInput: PlanInputSchema }),
]);

export type SessionMeta = { sessionId: string; half: number; plan: import('../session/types').InterviewPlan; seed: string; createdAt: number };

/** Every message, by type (the TS view of MessageSchema; checked against it at compile time below). */
export type PeerMessage =
  | { v: 1; type: 'hello'; app: string; name: string; role: PeerRole; planInput?: PlanInput }
  | { v: 1; type: 'session'; meta: SessionMeta }
  | { v: 1; type: 'sync-request'; sessionId: string; have: number }
  | { v: 1; type: 'events'; sessionId: string; from: number; events: SessionEvent[] }
  | { v: 1; type: 'clock'; sessionId: string; t: number; running: boolean }
  | { v: 1; type: 'lines'; sessionId: string; lines: TranscriptLine[] }
  | { v: 1; type: 'scores'; sessionId: string; scores: RubricScore[] }
  | { v: 1; type: 'yjs'; update: string }
  | { v: 1; type: 'yjs-sv'; sv: string }
  | { v: 1; type: 'problem'; sessionId: string; problemId: string; language: 'js' | 'ts' }
  | { v: 1; type: 'run-request'; sessionId: string }
  | { v: 1; type: 'run-result'; sessionId: string; run: PeerRunSummary }
  | { v: 1; type: 'run-started'; sessionId: string }
  | { v: 1; type: 'swap'; half: number }
  | { v: 1; type: 'ready'; planInput: PlanInput };

export type PeerMessageType = PeerMessage['type'];
/** A message without its version field (what code sends; `encodeMessage` adds it). */
export type OutgoingMessage = PeerMessage extends infer M ? (M extends { v: 1 } ? Omit<M, 'v'> : never) : never;

export type ParseResult =
  | { ok: true; message: PeerMessage }
  | { ok: false; kind: 'oversized' | 'malformed' | 'unknown' | 'version'; reason: string; version?: unknown };

const KNOWN_TYPES = new Set<string>(MessageSchema.options.map((o) => o.entries.type.literal));

export function encodeMessage(m: OutgoingMessage): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, ...m });
}

/** Validate one received message. Never throws. */
export function parseMessage(raw: unknown): ParseResult {
  if (typeof raw !== 'string') return { ok: false, kind: 'malformed', reason: 'not a text message' };
  if (raw.length > MAX_MESSAGE_CHARS) return { ok: false, kind: 'oversized', reason: `${raw.length} characters (limit ${MAX_MESSAGE_CHARS})` };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, kind: 'malformed', reason: 'not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, kind: 'malformed', reason: 'not an object' };
  const rec = data as Record<string, unknown>;
  if (rec.v !== PROTOCOL_VERSION) return { ok: false, kind: 'version', reason: `protocol version ${JSON.stringify(rec.v)}, expected ${PROTOCOL_VERSION}`, version: rec.v };
  if (typeof rec.type !== 'string' || !KNOWN_TYPES.has(rec.type)) return { ok: false, kind: 'unknown', reason: `unknown message type ${JSON.stringify(String(rec.type).slice(0, 40))}` };
  const r = v.safeParse(MessageSchema, data);
  if (!r.success) {
    const issue = r.issues[0];
    const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
    return { ok: false, kind: 'malformed', reason: `${rec.type}: ${path ? `${path} ` : ''}${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, message: r.output as PeerMessage };
}

// Compile-time check: the schema and the TS union agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _ProtocolChecks = [Assert<Same<v.InferOutput<typeof MessageSchema>, PeerMessage>>];
