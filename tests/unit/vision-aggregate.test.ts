import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BLINK_MAX_MS, BucketBuilder, FrameTracker, bucketOf, bucketsIn, summarise, type TrackedFrame } from '../../src/vision/aggregate';
import { NO_FACE, frameSignals } from '../../src/vision/signals';
import type { CameraBucket, FaceObservation, FrameSignals } from '../../src/vision/types';
import { parseSessionExport, serialiseSessionExport } from '../../src/db/import';
import type { SessionRecord } from '../../src/db/types';
import type { SessionEvent } from '../../src/session/types';

interface Recorded {
  photos: Record<string, { observation: FaceObservation | null }>;
  clips: Record<string, { t: number; observation: FaceObservation | null }[]>;
}
const REC = JSON.parse(readFileSync(new URL('../fixtures/vision/observations.json', import.meta.url), 'utf8')) as Recorded;
const CLIP = REC.clips['face_neutral_then_smiling_6s.y4m'] ?? [];
const NEUTRAL = frameSignals(REC.photos['london_030_neutral.jpg']?.observation ?? null);

function withClosure(s: FrameSignals, eyeClosure: number): FrameSignals {
  return { ...s, eyeClosure, looking: eyeClosure >= 0.5 ? false : s.looking };
}

describe('FrameTracker', () => {
  it('counts a blink once with hysteresis (close ≥ 0.5, open again < 0.35), from real baseline values', () => {
    const base = NEUTRAL.eyeClosure; // ≈ 0.08 with the eyes open
    expect(base).toBeLessThan(0.2);
    const run = (values: number[], stepMs = 66): number => {
      const tr = new FrameTracker();
      return values.map((v, i) => tr.push(i * stepMs, withClosure(NEUTRAL, v), false)).filter((f) => f.blink).length;
    };
    expect(run([base, base, 0.7, 0.8, base, base])).toBe(1);
    // Noise around the threshold while closed/opening (0.6 → 0.4 → 0.6) is still one blink.
    expect(run([base, 0.6, 0.4, 0.6, 0.1, base])).toBe(1);
    // Two separate blinks.
    expect(run([base, 0.7, base, base, 0.7, base])).toBe(2);
    // A squint that never crosses the closing threshold is no blink.
    expect(run([base, 0.45, 0.48, 0.45, base])).toBe(0);
    // Eyes closed for longer than a blink: not counted.
    const long = Math.ceil(BLINK_MAX_MS / 66) + 3;
    expect(run([base, ...Array<number>(long).fill(0.9), base])).toBe(0);
  });

  it('keeps the previous "looking" through a blink (closed eyes read as looking down)', () => {
    const tr = new FrameTracker();
    tr.push(0, NEUTRAL, true);
    const closed = tr.push(66, withClosure(NEUTRAL, 0.9), true);
    expect(closed.signals.looking).toBe(false);
    expect(closed.looking).toBe(true);
  });

  it('head movement: small for the slow zoom of the recorded clip, large for a jump', () => {
    const tr = new FrameTracker();
    const frames = CLIP.map((f) => tr.push(f.t, frameSignals(f.observation), false));
    const moves = frames.map((f) => f.movement).filter((m): m is number => m !== null);
    expect(moves.length).toBeGreaterThan(20);
    expect(Math.max(...moves)).toBeLessThan(0.8); // the cut to the smiling photo moves the nose ~10 px once
    expect(moves.reduce((a, b) => a + b, 0) / moves.length).toBeLessThan(0.15);

    const jump = new FrameTracker();
    const s = NEUTRAL;
    jump.push(0, s, false);
    const moved = jump.push(100, { ...s, nose: [(s.nose?.[0] ?? 0) + (s.faceScale ?? 0) * 0.2, s.nose?.[1] ?? 0] }, false);
    // 0.2 face widths in 0.1 s = 2 face widths per second.
    expect(moved.movement).toBeCloseTo(2, 1);
    // After a frame without a face there is no movement to measure.
    jump.push(200, NO_FACE, false);
    expect(jump.push(300, s, false).movement).toBeNull();
  });
});

describe('buckets and summaries', () => {
  function clipBuckets(speakingFrom = Infinity): CameraBucket[] {
    const tr = new FrameTracker();
    const bb = new BucketBuilder();
    for (const f of CLIP) bb.push(tr.push(f.t, frameSignals(f.observation), f.t >= speakingFrom));
    return bb.take(true);
  }

  it('one bucket per second of session time, counts and means', () => {
    const buckets = clipBuckets();
    expect(buckets.length).toBeGreaterThanOrEqual(7);
    expect(buckets.map((b) => b.t)).toEqual([...buckets.map((b) => b.t)].sort((a, b) => a - b));
    for (const b of buckets) {
      expect(b.t % 1000).toBe(0);
      expect(b.face).toBe(b.frames);
      expect(b.looking).toBe(b.face);
    }
    expect(buckets.reduce((a, b) => a + b.frames, 0)).toBe(CLIP.length);
  });

  it('per-answer windows: smile low while neutral, high while smiling; presence and looking 1', () => {
    const buckets = clipBuckets();
    const neutral = summarise(bucketsIn(buckets, 0, 2000)); // the 2–3 s bucket holds the first smiling frame (the cut is at 3.0 s)
    const smiling = summarise(bucketsIn(buckets, 3000, 6000));
    expect(neutral.smile).toBeLessThan(0.05);
    expect(smiling.smile).toBeGreaterThan(0.8);
    expect(neutral.presence).toBe(1);
    expect(neutral.looking).toBe(1);
    expect(smiling.brow).toBeGreaterThan(neutral.brow ?? 1);
    // Less than 5 s of face time: no blink rate.
    expect(summarise(bucketsIn(buckets, 0, 1000)).blinkRate).toBeNull();
    expect(summarise(buckets).blinkRate).toBe(0);
  });

  it('looking away while speaking: share of speaking frames without a face or not looking', () => {
    const f = (t: number, face: boolean, looking: boolean, speaking: boolean): TrackedFrame => ({
      t,
      signals: face ? { ...NEUTRAL, looking } : NO_FACE,
      looking,
      movement: null,
      blink: false,
      speaking,
    });
    const frames = [f(0, true, true, false), f(100, true, false, false), f(200, true, true, true), f(300, true, false, true), f(400, false, false, true), f(500, true, true, true)];
    const s = summarise([bucketOf(0, 1000, frames)]);
    expect(s.awayWhileSpeaking).toBe(0.5);
    expect(s.presence).toBeCloseTo(5 / 6, 3);
    expect(s.looking).toBe(0.6);
    // Nobody spoke: nothing to measure.
    expect(summarise([bucketOf(0, 1000, frames.map((x) => ({ ...x, speaking: false })))]).awayWhileSpeaking).toBeNull();
  });

  it('no face at all: presence 0, the other signals unmeasured', () => {
    const tr = new FrameTracker();
    const frames = (REC.clips['no_face_2s.y4m'] ?? []).map((x) => tr.push(x.t, frameSignals(x.observation), true));
    const s = summarise([bucketOf(0, 1000, frames)]);
    expect(s.presence).toBe(0);
    expect(s.looking).toBeNull();
    expect(s.smile).toBeNull();
    expect(s.awayWhileSpeaking).toBe(1);
  });

  it('blink rate = blinks per minute of face time', () => {
    const b: CameraBucket = { t: 0, ms: 1000, frames: 10, face: 10, looking: 10, smile: 0, brow: 0, movement: 0, blinks: 0, speaking: 0, away: 0 };
    const buckets = Array.from({ length: 30 }, (_, i) => ({ ...b, t: i * 1000, blinks: i % 3 === 0 ? 1 : 0 }));
    expect(summarise(buckets).blinkRate).toBe(20);
  });

  it('camera events (numbers only) survive export and import validation', () => {
    const buckets = clipBuckets(2000);
    const record: SessionRecord = {
      id: 's1', profileId: null, profileName: 'A', role: 'Engineer', seniority: 'mid', type: 'behavioural', minutes: 20, seed: 'x', engine: 'scripted',
      status: 'completed', createdAt: 1, updatedAt: 2, endedAt: 3, checkpointT: 6000, summary: null,
    };
    const events: SessionEvent[] = [
      { type: 'started', t: 0, at: 1, seed: 'x', engine: 'scripted', plan: { type: 'behavioural', role: 'Engineer', roleFamily: 'engineering', seniority: 'mid', totalMinutes: 20, phases: [{ kind: 'wrap-up', label: 'Wrap-up', minutes: 20, categories: ['wrap-up'], competencies: [] }], checklist: [], keywords: [] } },
      { type: 'camera', t: 6000, at: 2, buckets },
    ];
    const parsed = parseSessionExport(serialiseSessionExport(record, events, 'test', 5));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.events[1]).toEqual(events[1]);
    const bad = JSON.parse(serialiseSessionExport(record, events, 'test', 5)) as { events: { buckets?: { smile: number }[] }[] };
    const first = bad.events[1]?.buckets?.[0];
    if (first) first.smile = 7;
    const rejected = parseSessionExport(JSON.stringify(bad));
    expect(rejected.ok).toBe(false);
    if (!rejected.ok) expect(rejected.error).toMatch(/smile must be a number from 0 to 1/);
  });
});
