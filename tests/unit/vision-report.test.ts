import { describe, expect, it } from 'vitest';
import { buildCameraReport, cameraBuckets, describeSummary } from '../../src/vision/report';
import type { CameraBucket } from '../../src/vision/types';
import type { SessionEvent } from '../../src/session/types';

const bucket = (t: number, patch: Partial<CameraBucket> = {}): CameraBucket => ({ t, ms: 1000, frames: 15, face: 15, looking: 15, smile: 0, brow: 0.1, movement: 0.05, blinks: 0, speaking: 15, away: 0, ...patch });

function events(): SessionEvent[] {
  const asked = (promptId: number, t: number): SessionEvent => ({ type: 'asked', t, at: t, promptId, kind: 'question', text: `Q${promptId}`, phaseIndex: 0, competencies: [] });
  return [
    asked(0, 0),
    // Stored in two flushes, out of order on purpose.
    { type: 'camera', t: 10_000, at: 1, buckets: [5, 6, 7, 8, 9].map((s) => bucket(s * 1000, { smile: 0.9, looking: 5, away: 10 })) },
    { type: 'answered', t: 10_000, at: 1, promptId: 0, text: 'a', startedT: 1000, mode: 'typed' },
    asked(1, 10_000),
    { type: 'camera', t: 5_000, at: 1, buckets: [0, 1, 2, 3, 4].map((s) => bucket(s * 1000)) },
    { type: 'skipped', t: 20_000, at: 1, promptId: 1 },
    { type: 'camera', t: 20_000, at: 1, buckets: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((s) => bucket(s * 1000, { face: 0, looking: 0, smile: 0, away: 15 })) },
  ];
}

describe('camera report', () => {
  it('collects the buckets of every camera event in time order', () => {
    expect(cameraBuckets(events()).map((b) => b.t)).toEqual(Array.from({ length: 20 }, (_, i) => i * 1000));
  });

  it('one summary per answer window (asked → answered/skipped), numbered like the answer cards', () => {
    const r = buildCameraReport(events(), [0, 1]);
    expect(r).not.toBeNull();
    if (!r) return;
    expect(r.answers.map((a) => [a.number, a.from, a.to])).toEqual([
      [1, 0, 10_000],
      [2, 10_000, 20_000],
    ]);
    const [a1, a2] = r.answers;
    expect(a1?.summary.smile).toBeCloseTo(0.45, 3); // half neutral, half smiling
    expect(a1?.summary.presence).toBe(1);
    expect(a1?.summary.looking).toBeCloseTo(0.5 * 1 + 0.5 * (5 / 15), 3);
    expect(a2?.summary.presence).toBe(0);
    expect(a2?.summary.awayWhileSpeaking).toBe(1);
    expect(r.session.presence).toBe(0.5);
    expect(r.timeline.length).toBeGreaterThan(5);
    expect(r.durationMs).toBe(20_000);
  });

  it('no camera data → no section; plain-language lines never name an emotion', () => {
    expect(buildCameraReport(events().filter((e) => e.type !== 'camera'), [0, 1])).toBeNull();
    const r = buildCameraReport(events(), [0, 1]);
    const lines = [...describeSummary(r?.session ?? ({} as never)), ...(r?.answers ?? []).flatMap((a) => describeSummary(a.summary))];
    expect(lines.join(' ')).toMatch(/in the picture 50 %/);
    for (const l of lines) expect(l).not.toMatch(/nervous|anxious|angry|happy|sad|confident|emotion|stress|fear/i);
  });
});
