import { describe, it, expect } from 'vitest';
import { createRng } from '../../src/session/rng';
import { resampleTo16k, StreamingResampler, TARGET_RATE } from '../../src/media/resampler';

const sine = (freq: number, rate: number, seconds: number, amp = 0.5, phase = 0) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amp * Math.sin(2 * Math.PI * freq * (i / rate) + phase));

/** RMS over [from, to) — callers skip the edges, where the signal starts/stops abruptly. */
function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += (x[i] as number) ** 2;
  return Math.sqrt(s / (to - from));
}

/** Gain in dB of a resampled sine (amplitude 0.5), measured away from the edges. */
function gainDb(freq: number, rate: number): number {
  const y = resampleTo16k(sine(freq, rate, 1), rate);
  return 20 * Math.log10(rms(y, 1600, y.length - 1600) / (0.5 / Math.SQRT2));
}

/** Frequency from linearly interpolated upward zero crossings. */
function zeroCrossingFrequency(x: Float32Array, rate: number, from: number, to: number): number {
  const crossings: number[] = [];
  for (let i = from + 1; i < to; i++) {
    const a = x[i - 1] as number;
    const b = x[i] as number;
    if (a < 0 && b >= 0) crossings.push(i - 1 + a / (a - b));
  }
  const first = crossings[0] as number;
  const last = crossings[crossings.length - 1] as number;
  return ((crossings.length - 1) * rate) / (last - first);
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Deterministic noise: the project's seeded PRNG (mulberry32). */
const prng = (seed: number): (() => number) => createRng(seed).next;

const RATES = [48000, 44100, 22050] as const;

describe('resampleTo16k', () => {
  it.each(RATES)('keeps a 440 Hz sine at %i Hz: length, frequency, RMS and timing', (rate) => {
    const x = sine(440, rate, 2, 0.5, 0.3);
    const y = resampleTo16k(x, rate);
    expect(y.length).toBe(32000); // ceil(len · 16000 / rate)
    const f = zeroCrossingFrequency(y, 16000, 800, y.length - 800);
    expect(Math.abs(f - 440)).toBeLessThan(0.05);
    const r = rms(y, 800, y.length - 800);
    expect(Math.abs(r / (0.5 / Math.SQRT2) - 1)).toBeLessThan(0.002); // brief: within 2 %; achieved: 0.2 %
    // No delay: output sample n is the sine at time n / 16000.
    let maxErr = 0;
    for (let n = 800; n < y.length - 800; n++) maxErr = Math.max(maxErr, Math.abs((y[n] as number) - 0.5 * Math.sin(2 * Math.PI * 440 * (n / 16000) + 0.3)));
    expect(maxErr).toBeLessThan(1e-3);
  });

  it.each(RATES)('is flat in the speech band and removes content above 8 kHz (%i Hz)', (rate) => {
    for (const f of [100, 1000, 3000, 6000]) expect(Math.abs(gainDb(f, rate))).toBeLessThan(0.05);
    expect(Math.abs(gainDb(7000, rate))).toBeLessThan(0.5);
    const g79 = gainDb(7900, rate);
    expect(g79).toBeLessThan(-15); // attenuated (measured ≈ −20 dB)
    expect(g79).toBeGreaterThan(-30);
    expect(gainDb(8500, rate)).toBeLessThan(-60);
    if (rate > 24000) expect(gainDb(12000, rate)).toBeLessThan(-60); // brief: ≥ 20 dB; measured ≈ −100 dB
  });

  it('passes 16 kHz through unchanged (a copy)', () => {
    const x = sine(1000, 16000, 0.1);
    const y = resampleTo16k(x, 16000);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
  });

  it('upsamples lower rates (8 kHz) without changing a tone', () => {
    const y = resampleTo16k(sine(440, 8000, 1), 8000);
    expect(y.length).toBe(16000);
    expect(Math.abs(zeroCrossingFrequency(y, 16000, 800, 15200) - 440)).toBeLessThan(0.05);
    expect(Math.abs(rms(y, 800, 15200) / (0.5 / Math.SQRT2) - 1)).toBeLessThan(0.002);
  });

  it('handles empty input and rejects bad rates', () => {
    expect(resampleTo16k(new Float32Array(0), 48000).length).toBe(0);
    expect(() => resampleTo16k(new Float32Array(10), 0)).toThrow(RangeError);
    expect(() => new StreamingResampler(44100.5)).toThrow(RangeError);
  });

  it('computes the output length as ceil(n · 16000 / rate)', () => {
    for (const [n, rate, want] of [
      [1, 48000, 1],
      [3, 48000, 1],
      [4, 48000, 2],
      [441, 44100, 160],
      [442, 44100, 161],
      [1000, 22050, 726],
    ] as const) {
      expect(resampleTo16k(new Float32Array(n).fill(0.1), rate).length).toBe(want);
    }
  });
});

describe('StreamingResampler', () => {
  const rand = prng(42);
  // Speech-like test signal: a few tones plus noise.
  const signal = (rate: number, seconds: number) =>
    Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / rate) + 0.2 * Math.sin((2 * Math.PI * 3100 * i) / rate) + 0.1 * (rand() * 2 - 1));

  it.each([48000, 44100, 22050, 16000, 8000])('gives the one-shot result for any chunking (%i Hz)', (rate) => {
    const x = signal(rate, 0.7);
    const oneShot = resampleTo16k(x, rate);
    const chunkings: number[][] = [
      [128],
      [1],
      [441],
      [4096],
      Array.from({ length: 50 }, () => 1 + Math.floor(rand() * 3000)),
    ];
    for (const sizes of chunkings) {
      const r = new StreamingResampler(rate);
      const parts: Float32Array[] = [];
      let produced = 0;
      let earlyDiff = 0;
      let maxLag = 0;
      for (let i = 0, k = 0; i < x.length; k++) {
        const n = sizes[k % sizes.length] as number;
        const out = r.push(x.subarray(i, i + n));
        // Every pushed output is already final: it equals the one-shot samples at the same positions.
        for (let j = 0; j < out.length; j++) earlyDiff = Math.max(earlyDiff, Math.abs((out[j] as number) - (oneShot[produced + j] as number)));
        produced += out.length;
        parts.push(out);
        i += n;
        // Lag: the filter half-length — ≈ 1.7 ms when downsampling, 3.4 ms when upsampling from 8 kHz.
        maxLag = Math.max(maxLag, Math.ceil((Math.min(i, x.length) * 16000) / rate) - produced);
      }
      expect(earlyDiff).toBeLessThan(1e-4);
      expect(maxLag).toBeLessThanOrEqual(rate === 16000 ? 0 : rate < 16000 ? 56 : 28);
      parts.push(r.flush());
      const streamed = concat(parts);
      expect(streamed.length).toBe(oneShot.length);
      let maxDiff = 0;
      for (let j = 0; j < streamed.length; j++) maxDiff = Math.max(maxDiff, Math.abs((streamed[j] as number) - (oneShot[j] as number)));
      expect(maxDiff).toBeLessThan(1e-4);
    }
  });

  it('can be reused after flush()', () => {
    const r = new StreamingResampler(48000);
    const x = signal(48000, 0.2);
    const a = concat([r.push(x), r.flush()]);
    const b = concat([r.push(x), r.flush()]);
    expect(b).toEqual(a);
    expect(r.outputRate).toBe(TARGET_RATE);
  });
});
