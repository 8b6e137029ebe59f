import { describe, expect, it, vi } from 'vitest';
import {
  audioEnergy,
  isNearSilent,
  isPhantomPhrase,
  normalisePhantomText,
  PHANTOM_SPEECH_RMS,
  runWithPhantomGuard,
} from '../../workers/stt/phantom';

const SR = 16000;

/** Deterministic white noise with the given RMS. */
function noise(seconds: number, rms: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * SR));
  let s = seed >>> 0;
  const amp = rms * Math.sqrt(3); // uniform in [-a, a] has RMS a/√3
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = ((s / 2 ** 32) * 2 - 1) * amp;
  }
  return out;
}

/** "Speech-like" audio: a 200 Hz tone with a 4 Hz syllable envelope, peak `amp`. */
function speech(seconds: number, amp: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * SR));
  for (let i = 0; i < out.length; i++) {
    const t = i / SR;
    out[i] = amp * Math.abs(Math.sin(Math.PI * 4 * t)) * Math.sin(2 * Math.PI * 200 * t);
  }
  return out;
}

const model = (text: string) => vi.fn(async () => ({ text }));

describe('audio energy', () => {
  it('measures RMS, frame maxima and speech RMS', () => {
    expect(audioEnergy(new Float32Array(0)).rms).toBe(0);
    const e = audioEnergy(noise(1, 0.05));
    expect(e.rms).toBeCloseTo(0.05, 2);
    expect(e.speechRms).toBeCloseTo(0.05, 2);
    expect(e.frames).toBe(34); // 1 s / 30 ms, last frame partial
    expect(isNearSilent(e)).toBe(false);
  });

  it('ignores a DC offset', () => {
    const dc = new Float32Array(SR).fill(0.2);
    expect(isNearSilent(audioEnergy(dc))).toBe(true);
  });

  it('speech RMS counts only active frames', () => {
    // 0.25 s of loud speech in 15 s of digital silence: low overall RMS, high speech RMS.
    const pcm = new Float32Array(15 * SR);
    pcm.set(speech(0.25, 0.3), 7 * SR);
    const e = audioEnergy(pcm);
    expect(e.rms).toBeLessThan(PHANTOM_SPEECH_RMS);
    expect(e.speechRms).toBeGreaterThan(0.1);
  });
});

describe('phantom phrases', () => {
  it('matches known phrases case-insensitively with punctuation trimmed', () => {
    for (const t of [
      ' Thank you.',
      'THANK YOU!',
      ' you',
      'Thanks for watching!',
      'Bye.',
      '[Music]',
      '[BLANK_AUDIO]',
      '(silence)',
      ' Subtitles by the Amara.org community',
      'Thank you. Thank you.',
      ' ♪ ♪',
    ]) {
      expect(isPhantomPhrase(t), t).toBe(true);
    }
  });

  it('does not match real answers that merely contain those words', () => {
    for (const t of ['Thank you for the question. I led a team of five.', 'You should ask them.', 'Goodbye to legacy code.', '', 'Music theory']) {
      expect(isPhantomPhrase(t), t).toBe(false);
    }
  });

  it('normalises for comparison', () => {
    expect(normalisePhantomText('  [BLANK_AUDIO]  ')).toBe('blank_audio');
    expect(normalisePhantomText('Thank   You.')).toBe('thank you');
  });
});

describe('runWithPhantomGuard', () => {
  it('drops digital silence without calling the model', async () => {
    const run = model(' Thank you.');
    const out = await runWithPhantomGuard(new Float32Array(2 * SR), run);
    expect(out).toMatchObject({ dropped: true, reason: 'silence' });
    expect(run).not.toHaveBeenCalled();
  });

  it('drops near-silent room noise without calling the model', async () => {
    const run = model(' you');
    const out = await runWithPhantomGuard(noise(2, 0.002), run);
    expect(out).toMatchObject({ dropped: true, reason: 'silence' });
    expect(run).not.toHaveBeenCalled();
  });

  it('drops a phantom phrase on quiet (but not silent) audio', async () => {
    const quiet = noise(2, 0.014);
    const e = audioEnergy(quiet);
    expect(isNearSilent(e)).toBe(false);
    expect(e.speechRms).toBeLessThan(PHANTOM_SPEECH_RMS);
    const run = model(' Thank you.');
    const out = await runWithPhantomGuard(quiet, run);
    expect(run).toHaveBeenCalledTimes(1);
    expect(out).toMatchObject({ dropped: true, reason: 'phantom', result: { text: ' Thank you.' } });
  });

  it('keeps the same phrase when it is clearly spoken', async () => {
    const run = model(' Thank you.');
    const out = await runWithPhantomGuard(speech(1.5, 0.3), run);
    expect(run).toHaveBeenCalledTimes(1);
    expect(out).toMatchObject({ dropped: false, result: { text: ' Thank you.' } });
  });

  it('keeps a loud short "thank you" after a long pause', async () => {
    // Whole-buffer RMS is below PHANTOM_SPEECH_RMS here; the active frames are loud.
    const pcm = new Float32Array(15 * SR);
    pcm.set(speech(0.25, 0.3), 14 * SR);
    expect(audioEnergy(pcm).rms).toBeLessThan(PHANTOM_SPEECH_RMS);
    const out = await runWithPhantomGuard(pcm, model(' Thank you.'));
    expect(out.dropped).toBe(false);
  });

  it('keeps real text on quiet audio', async () => {
    const out = await runWithPhantomGuard(noise(2, 0.014), model(' I think the answer is caching.'));
    expect(out).toMatchObject({ dropped: false, result: { text: ' I think the answer is caching.' } });
  });
});
