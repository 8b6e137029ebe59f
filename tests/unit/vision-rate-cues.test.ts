import { describe, expect, it } from 'vitest';
import { FrameRateController } from '../../src/vision/rate';
import { CuePolicy, CUE_TEXT } from '../../src/vision/cues';
import { NO_FACE } from '../../src/vision/signals';
import type { TrackedFrame } from '../../src/vision/aggregate';
import type { FrameSignals } from '../../src/vision/types';

describe('FrameRateController', () => {
  const idle = { hidden: false, busy: false };

  it('targets 15 fps when the page is visible, nothing else runs and the worker keeps up', () => {
    const c = new FrameRateController();
    expect(c.decide(idle)).toMatchObject({ fps: 15, reason: 'target' });
    for (let i = 0; i < 20; i++) c.observe(40);
    expect(c.decide(idle).fps).toBe(15);
    expect(c.decide(idle).intervalMs).toBeCloseTo(1000 / 15, 6);
  });

  it('lowers the rate while another worker is busy, and further while the tab is hidden', () => {
    const c = new FrameRateController();
    expect(c.decide({ hidden: false, busy: true })).toMatchObject({ fps: 5, reason: 'busy' });
    expect(c.decide({ hidden: true, busy: false })).toMatchObject({ fps: 1, reason: 'hidden' });
    expect(c.decide({ hidden: true, busy: true })).toMatchObject({ fps: 1, reason: 'hidden' });
    expect(c.decide(idle)).toMatchObject({ fps: 15, reason: 'target' });
  });

  it('never asks for frames faster than the worker analyses them (smoothed inference time × headroom)', () => {
    const c = new FrameRateController({ alpha: 0.5, headroom: 1.1 });
    for (let i = 0; i < 30; i++) c.observe(100);
    const d = c.decide(idle);
    expect(d.reason).toBe('cpu');
    expect(d.fps).toBeCloseTo(1000 / 110, 3);
    // The worker speeds up again: back to the target.
    for (let i = 0; i < 30; i++) c.observe(30);
    expect(c.decide(idle).reason).toBe('target');
    // Bad samples are ignored.
    c.observe(Number.NaN);
    c.observe(-5);
    expect(c.averageMs).toBeCloseTo(30, 1);
  });

  it('delayMs keeps the interval between capture starts', () => {
    const c = new FrameRateController();
    expect(c.delayMs(idle, null, 1000)).toBe(0);
    expect(c.delayMs(idle, 1000, 1020)).toBeCloseTo(1000 / 15 - 20, 6);
    expect(c.delayMs(idle, 1000, 1200)).toBe(0);
  });
});

describe('CuePolicy', () => {
  const face: FrameSignals = { ...NO_FACE, face: true, looking: true, nose: [100, 100], faceScale: 80, headYaw: 0, headPitch: 0, gazeYaw: 0, gazePitch: 0 };
  const frame = (t: number, s: FrameSignals, speaking: boolean, movement: number | null = 0.02): TrackedFrame => ({ t, signals: s, looking: s.looking, movement: s.face ? movement : null, blink: false, speaking });
  /** Feed `seconds` of frames at 10 fps from `from` ms; returns the cues given. */
  function feed(p: CuePolicy, from: number, seconds: number, make: (t: number) => TrackedFrame): string[] {
    const cues: string[] = [];
    for (let t = from; t < from + seconds * 1000; t += 100) {
      const c = p.push(t, make(t));
      if (c) cues.push(`${c.kind}@${t}`);
    }
    return cues;
  }

  it('says nothing while the candidate faces the camera', () => {
    expect(feed(new CuePolicy(), 0, 120, (t) => frame(t, face, true))).toEqual([]);
  });

  it('no face → one cue after the warm-up, then at most one every 20 s', () => {
    const cues = feed(new CuePolicy(), 0, 65, (t) => frame(t, NO_FACE, true));
    expect(cues.length).toBe(3);
    const times = cues.map((c) => Number(c.split('@')[1]));
    expect(times[0]).toBeGreaterThanOrEqual(10_000);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(20_000);
    expect(cues.every((c) => c.startsWith('no-face'))).toBe(true);
  });

  it('looking away while speaking → "look at the camera"; looking away while listening → nothing', () => {
    const away = { ...face, looking: false, gazeYaw: 35 };
    expect(feed(new CuePolicy(), 0, 15, (t) => frame(t, away, true))[0]).toMatch(/^look-at-camera/);
    expect(feed(new CuePolicy(), 0, 15, (t) => frame(t, away, false))).toEqual([]);
  });

  it('a lot of head movement → "keep steady"', () => {
    expect(feed(new CuePolicy(), 0, 15, (t) => frame(t, face, true, 1.2))[0]).toMatch(/^keep-steady/);
  });

  it('cannot be configured to cue more often than every 20 s; texts never name an emotion', () => {
    const cues = feed(new CuePolicy({ minGapMs: 1000 }), 0, 40, (t) => frame(t, NO_FACE, true));
    expect(cues.length).toBe(2);
    for (const text of Object.values(CUE_TEXT)) expect(text).not.toMatch(/nervous|anxious|angry|happy|sad|confident|emotion|stress/i);
  });
});
