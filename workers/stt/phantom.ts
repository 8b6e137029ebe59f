/**
 * Phantom-transcript guard for Whisper. Pure logic (no transformers.js), testable in Node.
 *
 * Whisper "hears" stock phrases in silence or low noise ("Thank you.", "[BLANK_AUDIO]", "Subtitles by…").
 * Two checks:
 *  1. before the model: near-silent audio is never sent to it (the result is '' with droppedPhantom);
 *  2. after the model: a known phantom phrase is dropped when the audio's speech energy is low.
 *     The same words spoken clearly are kept.
 */
import phantoms from './phantoms.json';

/** Whole-buffer RMS below this = silence. */
export const SILENCE_RMS = 0.003;
/** A frame with RMS above this counts as active (possible speech). No active frame = silence. */
export const ACTIVE_FRAME_RMS = 0.01;
/** Frame length for the activity check. */
export const FRAME_MS = 30;
/** A phantom phrase is dropped only when the speech energy is below this. */
export const PHANTOM_SPEECH_RMS = 0.02;

export interface AudioEnergy {
  /** RMS over the whole buffer (DC offset removed). */
  rms: number;
  /** Highest RMS of any FRAME_MS frame. */
  maxFrameRms: number;
  /** RMS over the active frames only (frames above ACTIVE_FRAME_RMS); the whole-buffer RMS when none are. */
  speechRms: number;
  activeFrames: number;
  frames: number;
}

/** Energy statistics of mono PCM in [-1, 1]. */
export function audioEnergy(pcm: Float32Array, sampleRate = 16000, frameMs = FRAME_MS): AudioEnergy {
  const n = pcm.length;
  if (n === 0) return { rms: 0, maxFrameRms: 0, speechRms: 0, activeFrames: 0, frames: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += pcm[i] ?? 0;
  const mean = sum / n;

  const frameLen = Math.max(1, Math.round((sampleRate * frameMs) / 1000));
  let total = 0;
  let activeSq = 0;
  let activeSamples = 0;
  let activeFrames = 0;
  let frames = 0;
  let maxFrameRms = 0;
  for (let start = 0; start < n; start += frameLen) {
    const end = Math.min(n, start + frameLen);
    let sq = 0;
    for (let i = start; i < end; i++) {
      const v = (pcm[i] ?? 0) - mean;
      sq += v * v;
    }
    total += sq;
    frames++;
    const frameRms = Math.sqrt(sq / (end - start));
    if (frameRms > maxFrameRms) maxFrameRms = frameRms;
    if (frameRms > ACTIVE_FRAME_RMS) {
      activeFrames++;
      activeSq += sq;
      activeSamples += end - start;
    }
  }
  const rms = Math.sqrt(total / n);
  const speechRms = activeSamples > 0 ? Math.sqrt(activeSq / activeSamples) : rms;
  return { rms, maxFrameRms, speechRms, activeFrames, frames };
}

/** Near-silent: whole-buffer RMS below SILENCE_RMS, or no frame above ACTIVE_FRAME_RMS. */
export function isNearSilent(e: AudioEnergy): boolean {
  return e.rms < SILENCE_RMS || e.maxFrameRms <= ACTIVE_FRAME_RMS;
}

/** Lowercase, whitespace collapsed, leading/trailing punctuation, symbols and spaces trimmed. */
export function normalisePhantomText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

const EXACT = new Set(phantoms.exact.map(normalisePhantomText));
const PREFIXES = phantoms.prefixes.map((p) => p.toLowerCase());

/**
 * True if `text` is one of the known Whisper phantom phrases (case-insensitive, punctuation trimmed),
 * a repetition of them ("Thank you. Thank you."), starts with a phantom credit ("Subtitles by …"),
 * or holds no letters/digits at all ("♪", "...").
 */
export function isPhantomPhrase(text: string): boolean {
  const t = normalisePhantomText(text);
  if (!t) return text.trim().length > 0;
  if (EXACT.has(t)) return true;
  const lower = text.toLowerCase().trim().replace(/^[^\p{L}\p{N}]+/u, '');
  if (PREFIXES.some((p) => lower.startsWith(p))) return true;
  const sentences = text
    .split(/[.!?\n]+/)
    .map(normalisePhantomText)
    .filter(Boolean);
  return sentences.length > 1 && sentences.every((s) => EXACT.has(s));
}

/** Drop the model's text: a phantom phrase on audio whose speech energy is low. */
export function isPhantomTranscript(text: string, energy: AudioEnergy): boolean {
  return energy.speechRms < PHANTOM_SPEECH_RMS && isPhantomPhrase(text);
}

export type GuardOutcome<R extends { text: string }> =
  | { dropped: false; result: R; energy: AudioEnergy }
  | { dropped: true; reason: 'silence'; energy: AudioEnergy }
  | { dropped: true; reason: 'phantom'; result: R; energy: AudioEnergy };

/**
 * Runs `run` (the model) unless the audio is near silent, then checks its text for phantoms.
 * The model is not called at all for silence.
 */
export async function runWithPhantomGuard<R extends { text: string }>(
  pcm: Float32Array,
  run: () => Promise<R>,
  sampleRate = 16000,
): Promise<GuardOutcome<R>> {
  const energy = audioEnergy(pcm, sampleRate);
  if (isNearSilent(energy)) return { dropped: true, reason: 'silence', energy };
  const result = await run();
  if (isPhantomTranscript(result.text, energy)) return { dropped: true, reason: 'phantom', result, energy };
  return { dropped: false, result, energy };
}
