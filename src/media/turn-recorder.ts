/**
 * Glue between microphone chunks (16 kHz mono), the VAD and the caller. Pure logic, no browser APIs.
 *
 *  - `push(pcm16k)` accepts chunks of any length, cuts them into `frameMs` (30 ms) frames for the VAD and
 *    forwards the VAD's events (plus the recorder's own) to `onEvent`, synchronously.
 *  - Audio is kept from the start of the turn: speech-start time minus `preRollMs` (300 ms), so the
 *    first syllable is never clipped. Before any speech, the last `maxTurnMs` of audio is kept instead, so
 *    a manual "I'm done" on a turn the VAD never detected (e.g. too quiet) still has audio.
 *  - `maxTurnMs` (default 180 000): when the turn reaches it, a `max-turn` event is emitted (once) and
 *    no more audio is stored; the VAD keeps running.
 *  - `too-quiet` (and the `tooQuiet` flag): after `tooQuietAfterMs` (5 s) of listening with no speech
 *    detected, if there was sub-threshold voice activity — frames louder than noiseFloor × thresholdRatio,
 *    i.e. clearly above the room noise, but still under the VAD's absolute minimum — for at least
 *    `quietEvidenceMs` (200 ms) in total. A silent room does not trigger it (nothing rises above the
 *    floor), nor does digital silence (all-zero input: that raises `no-signal` instead, once, after the
 *    same delay, meaning a muted or dead microphone). The flag clears when speech starts.
 */
import { Vad, rmsToDb, type VadEvent, type VadOptions, type VadSummary } from './vad';

export type TurnEvent =
  | VadEvent
  | { type: 'too-quiet'; t: number; peakDb: number }
  | { type: 'no-signal'; t: number }
  | { type: 'max-turn'; t: number };

export interface TurnRecorderOptions extends VadOptions {
  onEvent?(e: TurnEvent): void;
  /** Longest turn kept (ms from the turn start). Default 180000. */
  maxTurnMs?: number;
  /** VAD frame length. Default 30. */
  frameMs?: number;
  /** Audio kept before speech-start. Default 300. */
  preRollMs?: number;
  /** Listening time before the too-quiet / no-signal checks. Default 5000. */
  tooQuietAfterMs?: number;
  /** Sub-threshold activity needed for too-quiet. Default 200. */
  quietEvidenceMs?: number;
  /** Peak RMS at or below which the input counts as digital silence. Default 1e-5 (−100 dBFS). */
  digitalSilence?: number;
}

interface Chunk {
  /** Absolute sample index of data[0] (since reset). */
  start: number;
  data: Float32Array;
}

export class TurnRecorder {
  readonly vad: Vad;
  readonly sampleRate: number;
  private readonly onEvent: (e: TurnEvent) => void;
  private readonly maxTurnSamples: number;
  private readonly frameLen: number;
  private readonly preRollSamples: number;
  private readonly tooQuietAfterMs: number;
  private readonly quietEvidenceMs: number;
  private readonly digitalSilence: number;

  private chunks: Chunk[] = [];
  /** Samples received since reset. */
  private received = 0;
  /** Samples stored (received, capped at the max-turn limit). */
  private storedEnd = 0;
  private frame: Float32Array;
  private frameFill = 0;
  private turnStart: number | null = null;
  private maxTurnHit = false;
  private quiet = false;
  private quietChecked = false;
  private quietEvidence = 0;
  private peakRms = 0;
  private noSignalSent = false;

  constructor(options: TurnRecorderOptions = {}) {
    this.vad = new Vad(options);
    this.sampleRate = this.vad.opts.sampleRate;
    this.onEvent = options.onEvent ?? (() => undefined);
    const perMs = this.sampleRate / 1000;
    this.maxTurnSamples = Math.round((options.maxTurnMs ?? 180_000) * perMs);
    this.frameLen = Math.max(1, Math.round((options.frameMs ?? 30) * perMs));
    this.preRollSamples = Math.round((options.preRollMs ?? 300) * perMs);
    this.tooQuietAfterMs = options.tooQuietAfterMs ?? 5000;
    this.quietEvidenceMs = options.quietEvidenceMs ?? 200;
    this.digitalSilence = options.digitalSilence ?? 1e-5;
    this.frame = new Float32Array(this.frameLen);
  }

  /** True while the too-quiet condition holds (set after the delay, cleared on speech-start / reset). */
  get tooQuiet(): boolean {
    return this.quiet;
  }

  /** Whether speech-start has happened since the last reset. */
  get started(): boolean {
    return this.turnStart !== null;
  }

  /** Audio time received since reset (ms). */
  get elapsedMs(): number {
    return (this.received * 1000) / this.sampleRate;
  }

  /** Start of the kept turn audio, in ms since reset (null before speech-start). */
  get turnStartMs(): number | null {
    return this.turnStart === null ? null : (this.turnStart * 1000) / this.sampleRate;
  }

  push(pcm16k: Float32Array): void {
    if (pcm16k.length === 0) return;
    this.store(pcm16k);
    let i = 0;
    while (i < pcm16k.length) {
      const n = Math.min(this.frameLen - this.frameFill, pcm16k.length - i);
      this.frame.set(pcm16k.subarray(i, i + n), this.frameFill);
      this.frameFill += n;
      i += n;
      if (this.frameFill === this.frameLen) {
        this.frameFill = 0;
        this.processFrame(this.frame);
      }
    }
  }

  /** Silence since the end of the last speech (ms); 0 while speaking or before any speech. */
  silentForMs(): number {
    const last = this.vad.lastSpeechT;
    return last === null ? 0 : Math.max(0, this.vad.time - last);
  }

  /** End of the last speech so far (ms since reset), null before any speech. */
  lastSpeechMs(): number | null {
    return this.vad.lastSpeechT;
  }

  /** Everything since the turn started (with the pre-roll), or, before speech-start, the audio kept so far. */
  audio(): Float32Array {
    const from = this.turnStart ?? this.chunks[0]?.start ?? 0;
    return this.range(from, this.storedEnd);
  }

  /**
   * The spoken part: from the first speech start to the last speech end, each widened by `padMs`
   * (default 300), clipped to the stored turn audio. Empty when no speech was detected.
   */
  speechAudio(padMs = 300): Float32Array {
    const s = this.vad.summary();
    if (s.firstSpeechT === null || s.lastSpeechT === null) return new Float32Array(0);
    const perMs = this.sampleRate / 1000;
    const from = Math.max(this.turnStart ?? 0, Math.floor((s.firstSpeechT - padMs) * perMs));
    const to = Math.min(this.storedEnd, Math.ceil((s.lastSpeechT + padMs) * perMs));
    return this.range(from, to);
  }

  /** Speech timing of the turn (from the VAD). */
  summary(): VadSummary {
    return this.vad.summary();
  }

  /** Starts a new turn at t = 0 (drops the audio; keeps the VAD's noise floor). */
  reset(): void {
    this.vad.reset();
    this.chunks = [];
    this.received = 0;
    this.storedEnd = 0;
    this.frameFill = 0;
    this.turnStart = null;
    this.maxTurnHit = false;
    this.quiet = false;
    this.quietChecked = false;
    this.quietEvidence = 0;
    this.peakRms = 0;
    this.noSignalSent = false;
  }

  private store(pcm: Float32Array): void {
    const start = this.received;
    this.received += pcm.length;
    const limit = this.turnStart === null ? Infinity : this.turnStart + this.maxTurnSamples;
    const end = Math.min(this.received, limit);
    if (end > start) {
      this.chunks.push({ start, data: end - start === pcm.length ? pcm.slice() : pcm.slice(0, end - start) });
      this.storedEnd = end;
    }
    if (this.turnStart === null) this.trimBefore(this.storedEnd - this.maxTurnSamples);
  }

  private trimBefore(sample: number): void {
    while (this.chunks.length > 0) {
      const c = this.chunks[0] as Chunk;
      if (c.start + c.data.length > sample) break;
      this.chunks.shift();
    }
    const c = this.chunks[0];
    if (c && c.start < sample) {
      this.chunks[0] = { start: sample, data: c.data.subarray(sample - c.start) };
    }
  }

  private range(from: number, to: number): Float32Array {
    const out = new Float32Array(Math.max(0, to - from));
    for (const c of this.chunks) {
      const a = Math.max(from, c.start);
      const b = Math.min(to, c.start + c.data.length);
      if (b > a) out.set(c.data.subarray(a - c.start, b - c.start), a - from);
    }
    return out;
  }

  private processFrame(frame: Float32Array): void {
    const events: TurnEvent[] = this.vad.push(frame);
    const info = this.vad.lastFrame;
    const perMs = this.sampleRate / 1000;
    if (info) {
      if (info.rms > this.peakRms) this.peakRms = info.rms;
      if (this.turnStart === null) {
        // Sub-threshold voice: above the noise floor × ratio, yet below the absolute minimum.
        if (!info.active && info.rms > info.relativeThreshold && info.rms > this.digitalSilence) {
          this.quietEvidence += (frame.length * 1000) / this.sampleRate;
        }
        if (info.t >= this.tooQuietAfterMs - 1e-6) {
          if (!this.quiet && !this.quietChecked && this.quietEvidence >= this.quietEvidenceMs - 1e-6) {
            this.quiet = true;
            this.quietChecked = true;
            events.push({ type: 'too-quiet', t: info.t, peakDb: rmsToDb(this.peakRms) });
          }
          if (!this.noSignalSent && this.peakRms <= this.digitalSilence) {
            this.noSignalSent = true;
            events.push({ type: 'no-signal', t: info.t });
          }
        }
      }
    }
    for (const e of events) {
      if (e.type === 'speech-start' && this.turnStart === null) {
        this.turnStart = Math.max(this.chunks[0]?.start ?? 0, Math.floor(e.t * perMs) - this.preRollSamples);
        this.quiet = false;
        this.trimBefore(this.turnStart);
        // Drop anything stored beyond the max-turn limit (only possible with a tiny maxTurnMs).
        const limit = this.turnStart + this.maxTurnSamples;
        if (this.storedEnd > limit) {
          this.storedEnd = limit;
          this.chunks = this.chunks.filter((c) => c.start < limit).map((c) => (c.start + c.data.length > limit ? { start: c.start, data: c.data.subarray(0, limit - c.start) } : c));
        }
      }
      this.onEvent(e);
    }
    if (this.turnStart !== null && !this.maxTurnHit && this.received - this.turnStart >= this.maxTurnSamples) {
      this.maxTurnHit = true;
      this.onEvent({ type: 'max-turn', t: ((this.turnStart + this.maxTurnSamples) * 1000) / this.sampleRate });
    }
  }
}
