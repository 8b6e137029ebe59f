import { describe, it, expect } from 'vitest';
import { createRng } from '../../src/session/rng';
import { TurnRecorder, type TurnEvent, type TurnRecorderOptions } from '../../src/media/turn-recorder';
import { Vad } from '../../src/media/vad';

const RATE = 16000;
const S = (ms: number) => (ms * RATE) / 1000;

/** Deterministic noise: the project's seeded PRNG (mulberry32). */
const prng = (seed: number): (() => number) => createRng(seed).next;

type Part = ['room' | 'speech' | 'zero', number, number?];

/**
 * 16 kHz test signal: 'room' = white noise at `room` RMS, 'speech' = modulated voice-like signal at about the
 * given RMS (default 0.1) over the room noise, 'zero' = digital silence.
 */
function build(parts: Part[], room = 0.001, seed = 7): Float32Array {
  const rand = prng(seed);
  const white = () => (rand() * 2 - 1) * Math.sqrt(3);
  const x = new Float32Array(parts.reduce((n, [, ms]) => n + S(ms), 0));
  let i = 0;
  for (const [kind, ms, level] of parts) {
    for (let k = 0; k < S(ms); k++, i++) {
      const t = k / RATE;
      let v = kind === 'zero' ? 0 : room * white();
      if (kind === 'speech') {
        const env = 0.6 - 0.4 * Math.cos(2 * Math.PI * 4 * t);
        v += (level ?? 0.1) * 1.25 * env * (0.9 * Math.sin(2 * Math.PI * 150 * t) + 0.5 * Math.sin(2 * Math.PI * 450 * t + 1) + 0.4 * white());
      }
      x[i] = v;
    }
  }
  return x;
}

/** Pushes the signal in chunks of the given sizes (cycled), recording events with their emission time. */
function feed(rec: TurnRecorder, x: Float32Array, sizes: number[] = [640]): void {
  for (let i = 0, k = 0; i < x.length; k++) {
    const n = sizes[k % sizes.length] as number;
    rec.push(x.subarray(i, i + n));
    i += n;
  }
}

function recorder(opts: TurnRecorderOptions = {}) {
  const events: (TurnEvent & { at: number })[] = [];
  const rec = new TurnRecorder({ ...opts, onEvent: (e) => events.push({ ...e, at: rec.elapsedMs }) });
  return { rec, events };
}

describe('TurnRecorder', () => {
  it('cuts any chunking into 30 ms frames: the same events as feeding the VAD directly', () => {
    const x = build([['room', 990], ['speech', 2010], ['room', 600], ['speech', 990], ['room', 1500]]);
    const vad = new Vad();
    const direct: TurnEvent[] = [];
    for (let i = 0; i + 480 <= x.length; i += 480) direct.push(...vad.push(x.subarray(i, i + 480)));
    expect(direct.map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
    for (const sizes of [[128], [640], [1], [37, 1000, 4096]]) {
      const { rec, events } = recorder();
      feed(rec, x, sizes);
      expect(events.map(({ at: _at, ...e }) => e)).toEqual(direct);
      expect(rec.summary()).toEqual(vad.summary());
    }
  });

  it('keeps the audio from 300 ms before speech-start to now', () => {
    const x = build([['room', 1980], ['speech', 1020], ['room', 2000]]);
    const { rec, events } = recorder();
    feed(rec, x.subarray(0, S(1500)));
    expect(rec.started).toBe(false);
    expect(rec.audio()).toEqual(x.subarray(0, S(1500))); // before speech: everything heard so far
    feed(rec, x.subarray(S(1500)), [333]);
    expect(events[0]).toMatchObject({ type: 'speech-start', t: 1980 });
    expect(rec.turnStartMs).toBe(1680);
    const a = rec.audio();
    expect(a.length).toBe(x.length - S(1680));
    expect(a).toEqual(x.subarray(S(1680)));
  });

  it('clips the pre-roll at the beginning of the audio', () => {
    const x = build([['room', 90], ['speech', 1020], ['room', 300]]);
    const { rec } = recorder();
    feed(rec, x);
    expect(rec.turnStartMs).toBe(0);
    expect(rec.audio()).toEqual(x);
  });

  it('speechAudio() spans first speech − pad … last speech + pad', () => {
    const x = build([['room', 1980], ['speech', 1020], ['room', 600], ['speech', 990], ['room', 3000]]);
    const { rec } = recorder();
    feed(rec, x);
    const s = rec.summary();
    expect(s.firstSpeechT).toBe(1980);
    expect(s.lastSpeechT).toBe(4590);
    expect(rec.speechAudio()).toEqual(x.subarray(S(1680), S(4890)));
    expect(rec.speechAudio(0)).toEqual(x.subarray(S(1980), S(4590)));
    // The pad cannot reach before the kept turn audio.
    expect(rec.speechAudio(1000)).toEqual(x.subarray(S(1680), S(5590)));
  });

  it('speechAudio() is empty without speech', () => {
    const { rec } = recorder();
    feed(rec, build([['room', 2000]]));
    expect(rec.speechAudio().length).toBe(0);
  });

  it('stops storing at maxTurnMs and says so once', () => {
    const x = build([['room', 990], ['speech', 5010], ['room', 300]]);
    const { rec, events } = recorder({ maxTurnMs: 2000 });
    feed(rec, x);
    const max = events.filter((e) => e.type === 'max-turn');
    expect(max).toHaveLength(1);
    expect(max[0]).toMatchObject({ t: 2690 }); // turn start 690 (990 − 300) + 2000
    expect((max[0]?.at ?? 0) - 2690).toBeLessThanOrEqual(40); // noticed within one chunk / frame
    expect(rec.audio()).toEqual(x.subarray(S(690), S(2690)));
  });

  it('keeps only the last maxTurnMs while waiting for speech', () => {
    const x = build([['room', 5000]]);
    const { rec } = recorder({ maxTurnMs: 2000 });
    feed(rec, x, [700]);
    expect(rec.audio()).toEqual(x.subarray(S(3000)));
  });

  it('reset() starts a new turn at t = 0 with no audio', () => {
    const { rec, events } = recorder();
    feed(rec, build([['room', 990], ['speech', 1020], ['room', 300]]));
    expect(rec.started).toBe(true);
    rec.reset();
    expect(rec.started).toBe(false);
    expect(rec.elapsedMs).toBe(0);
    expect(rec.audio().length).toBe(0);
    expect(rec.summary().segments).toEqual([]);
    events.length = 0;
    feed(rec, build([['room', 510], ['speech', 1020], ['room', 300]], 0.001, 9));
    expect(events[0]).toMatchObject({ type: 'speech-start', t: 510 });
  });

  describe('too quiet', () => {
    it('flags quiet speech that never reaches the threshold, after 5 s, once', () => {
      // A voice at ~0.004 RMS (−48 dBFS) in a quiet room (0.0003): clearly there, but under the 0.01 minimum.
      const x = build([['room', 990], ['speech', 8010, 0.004], ['room', 990]], 0.0003);
      const { rec, events } = recorder();
      feed(rec, x.subarray(0, S(4980)));
      expect(rec.tooQuiet).toBe(false);
      feed(rec, x.subarray(S(4980)));
      expect(events.map(({ type, t }) => [type, t])).toEqual([['too-quiet', 5010]]); // first frame end ≥ 5 s
      const e = events[0] as Extract<TurnEvent, { type: 'too-quiet' }>;
      expect(e.peakDb).toBeGreaterThan(-48);
      expect(e.peakDb).toBeLessThan(-40);
      expect(rec.tooQuiet).toBe(true);
      expect(rec.started).toBe(false);
      // Manual stop still has the audio.
      expect(rec.audio().length).toBe(x.length);
    });

    it('clears when speech is detected', () => {
      const x = build([['room', 990], ['speech', 5010, 0.004], ['speech', 1020, 0.1], ['room', 300]], 0.0003);
      const { rec, events } = recorder();
      feed(rec, x);
      expect(events.map((e) => e.type)).toEqual(['too-quiet', 'speech-start']);
      expect(rec.tooQuiet).toBe(false);
    });

    it('does not fire in a silent room, for normal speech, or on digital silence (no-signal instead)', () => {
      for (const room of [0.0003, 0.003]) {
        const { rec, events } = recorder();
        feed(rec, build([['room', 8000]], room));
        expect(events).toEqual([]);
        expect(rec.tooQuiet).toBe(false);
      }
      const normal = recorder();
      feed(normal.rec, build([['room', 3990], ['speech', 3000], ['room', 3000]]));
      expect(normal.events.map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
      const zero = recorder();
      feed(zero.rec, build([['zero', 8000]]));
      expect(zero.events.map(({ type, t }) => [type, t])).toEqual([['no-signal', 5010]]);
      expect(zero.rec.tooQuiet).toBe(false);
    });

    it('honours tooQuietAfterMs', () => {
      const { rec, events } = recorder({ tooQuietAfterMs: 3000 });
      feed(rec, build([['room', 990], ['speech', 4020, 0.004]], 0.0003));
      expect(events.map(({ type, t }) => [type, t])).toEqual([['too-quiet', 3000]]);
    });
  });
});

describe('TurnRecorder.silentForMs', () => {
  it('is 0 before and during speech, and grows with the silence after it', () => {
    const rec = new TurnRecorder({ onEvent: () => undefined });
    feed(rec, build([['room', 500]]));
    expect(rec.silentForMs()).toBe(0);
    feed(rec, build([['speech', 1000]], 0.001, 8));
    expect(rec.silentForMs()).toBeLessThan(100);
    feed(rec, build([['room', 700]], 0.001, 9));
    expect(rec.silentForMs()).toBeGreaterThan(500);
    expect(rec.silentForMs()).toBeLessThan(800);
  });
});

describe('TurnRecorder.lastSpeechMs', () => {
  it('is null before speech, then the end of the last speech; it moves only when speech resumes', () => {
    const rec = new TurnRecorder({ onEvent: () => undefined });
    feed(rec, build([['room', 300]]));
    expect(rec.lastSpeechMs()).toBeNull();
    feed(rec, build([['speech', 800]], 0.001, 3));
    expect(rec.lastSpeechMs()).not.toBeNull();
    // The last frame of speech is only decided once the next audio arrives.
    feed(rec, build([['room', 100]], 0.001, 6));
    const a = rec.lastSpeechMs();
    feed(rec, build([['room', 500]], 0.001, 4));
    expect(rec.lastSpeechMs()).toBe(a);
    feed(rec, build([['speech', 400]], 0.001, 5));
    expect(rec.lastSpeechMs()!).toBeGreaterThan(a! + 400);
  });
});
