import { describe, it, expect } from 'vitest';
import { createRng } from '../../src/session/rng';
import { Vad, levelDb, rms, rmsToDb, type VadEvent, type VadOptions } from '../../src/media/vad';

const RATE = 16000;
const FRAME = 480; // 30 ms

/** Deterministic noise: the project's seeded PRNG (mulberry32). */
const prng = (seed: number): (() => number) => createRng(seed).next;

type Part = ['quiet' | 'speech' | 'noise' | 'zero', number, number?];

/**
 * Builds a 16 kHz signal from parts: 'quiet' = white noise at RMS 0.001 (a quiet room), 'noise' = white
 * noise at the given RMS (default 0.02), 'speech' = "voice" at about the given RMS (default 0.1): two
 * harmonics plus noise, amplitude-modulated at 4 Hz between 20 % and 100 % (syllables), 'zero' = digital
 * silence. The room noise runs under everything.
 */
function build(parts: Part[], seed = 1): Float32Array {
  const rand = prng(seed);
  const white = () => (rand() * 2 - 1) * Math.sqrt(3); // unit RMS
  const total = parts.reduce((n, [, ms]) => n + (ms * RATE) / 1000, 0);
  const x = new Float32Array(total);
  let i = 0;
  for (const [kind, ms, level] of parts) {
    const n = (ms * RATE) / 1000;
    for (let k = 0; k < n; k++, i++) {
      const t = k / RATE;
      let v = kind === 'zero' ? 0 : 0.001 * white();
      if (kind === 'noise') v += (level ?? 0.02) * white();
      if (kind === 'speech') {
        const env = 0.6 - 0.4 * Math.cos(2 * Math.PI * 4 * t); // 0.2 … 1.0, starting low like a syllable onset
        const voice = 0.9 * Math.sin(2 * Math.PI * 150 * t) + 0.5 * Math.sin(2 * Math.PI * 450 * t + 1) + 0.4 * white();
        v += (level ?? 0.1) * 1.25 * env * voice;
      }
      x[i] = v;
    }
  }
  return x;
}

interface Run {
  events: (VadEvent & { at: number })[];
  vad: Vad;
  /** End time of every frame that was active. */
  activeAt: number[];
}

/** Feeds a signal frame by frame; each event is tagged with the audio time at which it was emitted. */
function run(x: Float32Array, options: VadOptions = {}, frame = FRAME): Run {
  const vad = new Vad(options);
  const events: Run['events'] = [];
  const activeAt: number[] = [];
  for (let i = 0; i + frame <= x.length; i += frame) {
    for (const e of vad.push(x.subarray(i, i + frame))) events.push({ ...e, at: vad.time });
    if (vad.lastFrame?.active) activeAt.push(vad.lastFrame.t);
  }
  return { events, vad, activeAt };
}

const types = (r: Run) => r.events.map((e) => e.type);

describe('rms / levelDb', () => {
  it('measures frames', () => {
    const sine = Float32Array.from({ length: 1600 }, (_, i) => Math.sin((2 * Math.PI * 100 * i) / RATE));
    expect(rms(sine)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(levelDb(sine)).toBeCloseTo(-3.0103, 3);
    expect(rms(new Float32Array(480).fill(0.1))).toBeCloseTo(0.1, 7);
    expect(levelDb(new Float32Array(480).fill(0.1))).toBeCloseTo(-20, 4);
    expect(levelDb(new Float32Array(480))).toBe(-100);
    expect(rms(new Float32Array(0))).toBe(0);
    expect(rmsToDb(0.01)).toBeCloseTo(-40, 6);
  });
});

describe('Vad', () => {
  it('starts speech at the burst (within 60 ms) and ends the turn exactly silenceMs after the last speech', () => {
    // Parts are multiples of the 30 ms frame, so the expected times are exact.
    const r = run(build([['quiet', 990], ['speech', 2010], ['quiet', 3000]]));
    expect(types(r)).toEqual(['speech-start', 'speech-end']);
    const [start, end] = r.events;
    expect(start).toMatchObject({ type: 'speech-start', t: 990, at: 1050 }); // dated at the onset, confirmed 60 ms later
    expect(r.activeAt[r.activeAt.length - 1]).toBe(3000);
    expect(end).toMatchObject({ type: 'speech-end', t: 4200, lastSpeechT: 3000, reason: 'silence', at: 4200 });
    expect(r.vad.summary()).toMatchObject({ firstSpeechT: 990, lastSpeechT: 3000, speechMs: 2010, segments: [{ start: 990, end: 3000 }], pauses: [], turnEndT: 4200, inTurn: false });
  });

  it('dates the start within 60 ms when the burst is not frame-aligned', () => {
    const r = run(build([['quiet', 1010], ['speech', 2000], ['quiet', 2000]]));
    const start = r.events[0];
    expect(start?.type).toBe('speech-start');
    expect(Math.abs((start?.t ?? 0) - 1010)).toBeLessThanOrEqual(60);
    expect((start?.at ?? 0) - 1010).toBeLessThanOrEqual(90);
  });

  it('does not end the turn one frame early and honours custom silenceMs', () => {
    for (const silenceMs of [900, 1200, 1500]) {
      const r = run(build([['quiet', 600], ['speech', 1800], ['quiet', 3000]]), { silenceMs });
      const end = r.events.find((e) => e.type === 'speech-end');
      expect(end?.t).toBe(2400 + silenceMs);
      expect(end?.at).toBe(2400 + silenceMs);
    }
    // Audio that stops 30 ms short of silenceMs produces no speech-end.
    const cut = run(build([['quiet', 600], ['speech', 1800], ['quiet', 1170]]));
    expect(types(cut)).toEqual(['speech-start']);
  });

  it('bridges 150 ms gaps between words: one segment, no pause, no early end', () => {
    const r = run(build([['quiet', 990], ['speech', 1020], ['quiet', 150], ['speech', 990], ['quiet', 150], ['speech', 990], ['quiet', 2000]]));
    expect(types(r)).toEqual(['speech-start', 'speech-end']);
    const s = r.vad.summary();
    expect(s.segments).toEqual([{ start: 990, end: 4290 }]);
    expect(s.speechMs).toBe(3300); // the bridged gaps count as speech
    expect(s.pauses).toEqual([]);
    expect(r.events[1]).toMatchObject({ t: 5490, lastSpeechT: 4290 });
  });

  it('splits segments at gaps of at least hangoverMs but keeps the turn', () => {
    const r = run(build([['quiet', 990], ['speech', 990], ['quiet', 600], ['speech', 990], ['quiet', 1500]]));
    expect(types(r)).toEqual(['speech-start', 'speech-end']);
    expect(r.vad.summary().segments).toEqual([
      { start: 990, end: 1980 },
      { start: 2580, end: 3570 },
    ]);
    expect(r.vad.summary().speechMs).toBe(1980);
  });

  it('a 2.5 s pause after enough speech ends the turn with the default silenceMs …', () => {
    const r = run(build([['quiet', 990], ['speech', 2010], ['quiet', 2490], ['speech', 990], ['quiet', 1500]]));
    // Ends 1.2 s into the pause; the caller may ignore it: resumed speech starts again and the gap is a pause.
    expect(r.events.map(({ type, t }) => [type, t])).toEqual([
      ['speech-start', 990],
      ['speech-end', 4200],
      ['pause', 3000],
      ['speech-start', 5490],
      ['speech-end', 7680],
    ]);
    expect(r.events[2]).toMatchObject({ type: 'pause', t: 3000, ms: 2490 });
  });

  it('… and does not end it when silenceMs is longer than the pause (the pause is reported)', () => {
    const r = run(build([['quiet', 990], ['speech', 2010], ['quiet', 2490], ['speech', 990], ['quiet', 3500]]), { silenceMs: 3000 });
    expect(r.events.map(({ type, t }) => [type, t])).toEqual([
      ['speech-start', 990],
      ['pause', 3000],
      ['speech-end', 9480],
    ]);
    expect(r.events[1]).toMatchObject({ ms: 2490, at: 5550 }); // reported when speech resumes (after the onset)
    const s = r.vad.summary();
    expect(s.pauses).toEqual([{ t: 3000, ms: 2490 }]);
    expect(s.speechMs).toBe(3000);
    expect(s.segments).toHaveLength(2);
  });

  it('thinking allowance: a 2 s pause after only 500 ms of speech does not end the turn', () => {
    const r = run(build([['quiet', 990], ['speech', 510], ['quiet', 2010], ['speech', 1500], ['quiet', 1500]]));
    expect(r.events.map(({ type, t }) => [type, t])).toEqual([
      ['speech-start', 990],
      ['pause', 1500], // reported: 2010 ms > pauseReportMs
      ['speech-end', 6210], // 1.2 s after the end, now that 2 s of speech were heard
    ]);
    expect(r.vad.summary().pauses).toEqual([{ t: 1500, ms: 2010 }]);
  });

  it('after little speech the turn ends only after thinkingMs; below minSpeechMs never', () => {
    const little = run(build([['quiet', 990], ['speech', 510], ['quiet', 6000]]));
    expect(little.events.map(({ type, t }) => [type, t])).toEqual([
      ['speech-start', 990],
      ['speech-end', 5520], // 4 s after 1500 = 5500, reached on the frame ending at 5520
    ]);
    const custom = run(build([['quiet', 990], ['speech', 510], ['quiet', 6000]]), { thinkingMs: 2500 });
    expect(custom.events[1]?.t).toBe(4020); // 1500 + 2500, next frame boundary
    const blip = run(build([['quiet', 990], ['speech', 150], ['quiet', 10000]]));
    expect(types(blip)).toEqual(['speech-start']);
    expect(blip.vad.inTurn).toBe(true);
  });

  it('reports pauses longer than 2 s inside a turn, not shorter ones', () => {
    const r = run(build([['quiet', 990], ['speech', 510], ['quiet', 2520], ['speech', 510], ['quiet', 1890], ['speech', 2010], ['quiet', 1500]]));
    expect(r.events.map(({ type, t }) => [type, t])).toEqual([
      ['speech-start', 990],
      ['pause', 1500],
      ['speech-end', 9630],
    ]);
    expect(r.events[1]).toMatchObject({ ms: 2520 });
    expect(r.vad.summary().pauses).toEqual([{ t: 1500, ms: 2520 }]);
  });

  it('ignores single-frame clicks (onset needs 60 ms)', () => {
    const click = build([['quiet', 990], ['speech', 30], ['quiet', 990], ['speech', 30], ['quiet', 990]]);
    const r = run(click);
    expect(r.events).toEqual([]);
    expect(r.activeAt.length).toBeGreaterThan(0); // the frames were loud, just too short
    expect(r.vad.summary().firstSpeechT).toBeNull();
  });

  it('adapts the noise floor: steady noise at 0.02 RMS stops being speech within about a second', () => {
    const r = run(build([['quiet', 2010], ['noise', 6000], ['speech', 990, 0.15], ['quiet', 1500]]));
    // The noise switching on looks like speech at first …
    expect(r.events[0]).toMatchObject({ type: 'speech-start', t: 2010 });
    // … but once the 1 s stationarity window (34 frames) holds only noise, it is the floor: nothing is active
    // from 3.06 s until the speech.
    expect(r.activeAt.filter((t) => t > 3030 && t <= 8010)).toEqual([]);
    const noiseOnly = run(build([['quiet', 2010], ['noise', 6000]])); // same samples, stopped before the speech
    expect(noiseOnly.vad.noiseFloor).toBeGreaterThan(0.018);
    expect(noiseOnly.vad.noiseFloor).toBeLessThan(0.021);
    expect(r.vad.summary().segments[0]).toEqual({ start: 2010, end: 3030 });
    // That false turn had < 1.5 s of "speech", so it ends after the thinking allowance (3030 + 4000 → frame 7050).
    expect(r.events[1]).toMatchObject({ type: 'speech-end', t: 7050, lastSpeechT: 3030 });
    // Real speech over the (now learned) noise is detected at once.
    // (the gap since the false turn is reported as a pause first, as for any resumed speech)
    expect(r.events.slice(2).map(({ type, t }) => [type, t])).toEqual([
      ['pause', 3030],
      ['speech-start', 8040], // within 60 ms: the first frame (syllable onset at 20 % level) is under 3× the 0.02 floor
      ['speech-end', r.events[4]?.t],
    ]);
    // With the false turn, over 1.5 s of "speech" were heard: the turn ends silenceMs after the last active
    // frame, which is the end of the burst or up to two frames before it (the syllable tail fades out).
    const end = r.events[4] as Extract<VadEvent, { type: 'speech-end' }>;
    expect(end.t - end.lastSpeechT).toBe(1200);
    expect(end.lastSpeechT).toBeGreaterThanOrEqual(8940);
    expect(end.lastSpeechT).toBeLessThanOrEqual(9000);
  });

  it('never treats steady noise present from the start as speech, and tracks its level', () => {
    const r = run(build([['noise', 5010, 0.02]]));
    expect(r.events).toEqual([]);
    expect(r.activeAt).toEqual([]);
    expect(r.vad.noiseFloor).toBeGreaterThan(0.018);
    expect(r.vad.noiseFloor).toBeLessThan(0.021);
    expect(r.vad.threshold).toBeCloseTo(r.vad.noiseFloor * 3, 10);
  });

  it('does not adapt the floor to fluctuating speech (15 s monologue stays one turn)', () => {
    const r = run(build([['quiet', 990], ['speech', 15000], ['quiet', 1500]]));
    expect(types(r)).toEqual(['speech-start', 'speech-end']);
    expect(r.vad.summary().segments).toEqual([{ start: 990, end: 15990 }]);
    expect(r.vad.noiseFloor).toBeLessThan(0.0015);
  });

  it('uses the absolute minimum in a silent room: quiet voices below 0.01 RMS are not speech', () => {
    const r = run(build([['quiet', 990], ['speech', 2010, 0.005], ['quiet', 990]]));
    expect(r.events).toEqual([]);
    const louder = run(build([['quiet', 990], ['speech', 2010, 0.005], ['quiet', 990]]), { absoluteMin: 0.002 });
    expect(types(louder)[0]).toBe('speech-start');
  });

  it('works with other frame sizes (20 ms frames: onset = 3 frames)', () => {
    const r = run(build([['quiet', 1000], ['speech', 2000], ['quiet', 2000]]), {}, 320);
    expect(r.events.map(({ type, t, at }) => [type, t, at])).toEqual([
      ['speech-start', 1000, 1060],
      ['speech-end', 4200, 4200],
    ]);
  });

  it('reset() restarts time and turn state but keeps the learned noise floor', () => {
    const r = run(build([['noise', 3000, 0.02], ['speech', 990, 0.15], ['noise', 300]]));
    const floor = r.vad.noiseFloor;
    expect(r.vad.inTurn).toBe(true);
    r.vad.reset();
    expect(r.vad.time).toBe(0);
    expect(r.vad.inTurn).toBe(false);
    expect(r.vad.noiseFloor).toBe(floor);
    expect(r.vad.summary()).toMatchObject({ firstSpeechT: null, segments: [], speechMs: 0, pauses: [], turnEndT: null, elapsedMs: 0 });
    r.vad.reset({ keepNoiseFloor: false });
    expect(r.vad.noiseFloor).toBe(0);
  });
});
