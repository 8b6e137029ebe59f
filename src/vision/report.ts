/**
 * The report's camera section: the stored one-second buckets of a session, a summary per answer (the
 * answer's window is from its question being asked to the answer or skip) and for the whole session,
 * and a coarser series for the timeline chart. Pure.
 */
import type { SessionEvent } from '../session/types';
import { bucketsIn, summarise } from './aggregate';
import type { CameraBucket, CameraSummary } from './types';

export interface CameraAnswerWindow {
  /** 1-based, in the order of the report's answer cards. */
  number: number;
  promptId: number;
  from: number;
  to: number;
  summary: CameraSummary;
}

export interface TimelinePoint {
  t: number;
  /** Shares 0–1 (null: no frames / no face in the bin). */
  presence: number | null;
  looking: number | null;
  smile: number | null;
  brow: number | null;
}

export interface CameraReport {
  buckets: CameraBucket[];
  session: CameraSummary;
  answers: CameraAnswerWindow[];
  timeline: TimelinePoint[];
  binMs: number;
  durationMs: number;
}

export function cameraBuckets(events: readonly SessionEvent[]): CameraBucket[] {
  const out: CameraBucket[] = [];
  for (const e of events) if (e.type === 'camera') out.push(...e.buckets);
  return out.sort((a, b) => a.t - b.t);
}

/** Null when the session has no camera data. `promptIds`: the report's answers, in card order. */
export function buildCameraReport(events: readonly SessionEvent[], promptIds: readonly number[]): CameraReport | null {
  const buckets = cameraBuckets(events);
  if (buckets.length === 0) return null;
  const asked = new Map<number, number>();
  const outcome = new Map<number, number>();
  let durationMs = 0;
  for (const e of events) {
    durationMs = Math.max(durationMs, e.t);
    if (e.type === 'asked' && !asked.has(e.promptId)) asked.set(e.promptId, e.t);
    if (e.type === 'answered' || e.type === 'skipped') outcome.set(e.promptId, e.t);
  }
  const last = buckets.at(-1);
  if (last) durationMs = Math.max(durationMs, last.t + last.ms);
  const answers: CameraAnswerWindow[] = [];
  promptIds.forEach((promptId, i) => {
    const from = asked.get(promptId);
    const to = outcome.get(promptId);
    if (from === undefined || to === undefined || to <= from) return;
    answers.push({ number: i + 1, promptId, from, to, summary: summarise(bucketsIn(buckets, from, to)) });
  });
  // About 120 points across the session, at least 1 s each.
  const binMs = Math.max(1000, Math.ceil(durationMs / 120 / 1000) * 1000);
  const timeline: TimelinePoint[] = [];
  for (let t = 0; t < durationMs; t += binMs) {
    const inBin = buckets.filter((b) => b.t >= t && b.t < t + binMs);
    if (inBin.length === 0) continue;
    const s = summarise(inBin);
    timeline.push({ t, presence: s.presence, looking: s.looking === null ? null : (s.presence ?? 0) * s.looking, smile: s.smile, brow: s.brow });
  }
  return { buckets, session: summarise(buckets), answers, timeline, binMs, durationMs };
}

const pct = (x: number | null): string => (x === null ? '–' : `${Math.round(x * 100)} %`);

/** Plain-language lines for a summary (observations, never emotions). */
export function describeSummary(s: CameraSummary): string[] {
  const lines: string[] = [];
  if (s.presence === null) return ['No camera frames were analysed.'];
  lines.push(s.presence < 0.8 ? `Your face was in the picture ${pct(s.presence)} of the time: check the framing.` : `Your face was in the picture ${pct(s.presence)} of the time.`);
  if (s.looking !== null)
    lines.push(s.looking < 0.5 ? `You looked towards the camera ${pct(s.looking)} of the time: looking at the lens reads as eye contact.` : `You looked towards the camera ${pct(s.looking)} of the time.`);
  if (s.awayWhileSpeaking !== null && s.awayWhileSpeaking > 0.5) lines.push(`While you spoke, you looked away ${pct(s.awayWhileSpeaking)} of the time.`);
  if (s.smile !== null) lines.push(s.smile >= 0.3 ? 'You smiled often.' : s.smile >= 0.1 ? 'You smiled now and then.' : 'Little or no smiling was seen.');
  if (s.movement !== null && s.movement > 0.5) lines.push('Your head moved a lot.');
  return lines;
}

export { pct as formatShare };
