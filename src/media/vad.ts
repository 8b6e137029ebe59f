/**
 * Frame-based voice activity detection with an adaptive noise floor and end-of-turn rules.
 * Pure logic (no browser APIs): feed it mono frames (16 kHz by default, e.g. 30 ms = 480 samples).
 * Times (`t`) are milliseconds of audio fed since construction or `reset()`.
 *
 * Rules, in order, for each frame of RMS r:
 *  1. Active frame: r > max(noiseFloor · thresholdRatio, absoluteMin)   (defaults 3× and 0.01 ≈ −40 dBFS).
 *  2. Noise floor: starts at the first frame's RMS. On frames under noiseFloor · thresholdRatio it follows
 *     the level — quickly downwards (time constant 45 ms), slowly upwards (1.5 s). Louder frames (speech,
 *     including quiet speech under absoluteMin) do not move it, except that
 *     when the last `stationaryMs` (1 s) of frame levels stay within a factor `stationaryRatio` (2×, 6 dB)
 *     of each other, the floor is raised to the minimum of that window: steady noise (a fan switched on,
 *     a hum) stops counting as speech after about a second, while speech — which always fluctuates by
 *     more than 6 dB within a second — is unaffected.
 *  3. Onset: outside a speech segment, a run of consecutive active frames lasting `onsetMs` (60 ms)
 *     starts a segment, dated at the run's first frame (isolated clicks of one frame are ignored).
 *  4. Hangover: inside a segment every active frame extends it; the segment closes only once the
 *     silence since its last active frame reaches `hangoverMs` (250 ms). Gaps shorter than that (between
 *     words) are part of the segment: they count as speech and are not pauses.
 *  5. speech-start: emitted when a segment starts and no turn is open (t = segment start).
 *  6. speech-end: while a turn is open, with s = total speech so far and q = silence since the last
 *     active frame (checked on inactive frames):
 *       s <  minSpeechMs (300)            → the VAD never ends the turn (a cough or click is not an answer;
 *                                            the caller's overall timeout applies);
 *       minSpeechMs ≤ s < minTurnMs (1500) → ends when q ≥ thinkingMs (4000) — the "thinking" allowance;
 *       s ≥ minTurnMs                      → ends when q ≥ silenceMs (1200).
 *     The event has t = the moment the rule fired and lastSpeechT = end of the last speech.
 *  7. pause: when a segment starts after a gap longer than `pauseReportMs` (2000) since the previous
 *     segment, a `pause` event {t: gap start, ms: gap length} is emitted and recorded. Silence before the
 *     first speech is not a pause (it is the response latency, see `summary().firstSpeechT`).
 *  8. The caller may ignore a speech-end: the VAD keeps listening, and if speech resumes it emits a new
 *     speech-start (and a pause if the gap was > pauseReportMs); totals keep accumulating until `reset()`.
 */

export type VadEvent =
  | { type: 'speech-start'; t: number }
  | { type: 'speech-end'; t: number; reason: 'silence'; lastSpeechT: number }
  | { type: 'pause'; t: number; ms: number };

export interface VadOptions {
  /** Sample rate of the frames. Default 16000. */
  sampleRate?: number;
  /** Silence that ends the turn once at least `minTurnMs` of speech was heard. Default 1200. */
  silenceMs?: number;
  /** Silence that ends the turn while speech is between `minSpeechMs` and `minTurnMs`. Default 4000. */
  thinkingMs?: number;
  /** Below this much speech the VAD never ends the turn. Default 300. */
  minSpeechMs?: number;
  /** Speech needed before the short `silenceMs` rule applies. Default 1500. */
  minTurnMs?: number;
  /** Gaps between speech segments longer than this are reported as pauses. Default 2000. */
  pauseReportMs?: number;
  /** Gaps shorter than this inside speech are bridged (not pauses). Default 250. */
  hangoverMs?: number;
  /** Consecutive active audio needed to start a segment. Default 60. */
  onsetMs?: number;
  /** A frame is active when its RMS exceeds noiseFloor × thresholdRatio … Default 3 (≈ +9.5 dB). */
  thresholdRatio?: number;
  /** … and this absolute RMS. Default 0.01 (−40 dBFS). */
  absoluteMin?: number;
  /** Window for steady-noise detection. Default 1000. */
  stationaryMs?: number;
  /** Max/min level ratio within the window that counts as steady noise. Default 2. */
  stationaryRatio?: number;
  /** Initial noise floor (RMS). Default: the first frame's RMS. */
  initialNoiseFloor?: number;
}

export interface VadSegment {
  /** ms, start of the first active frame. */
  start: number;
  /** ms, end of the last active frame (bridged gaps included in between). */
  end: number;
}

export interface VadPause {
  /** ms, when the silence began (end of the previous segment). */
  t: number;
  ms: number;
}

export interface VadSummary {
  /** Start of the first speech (ms) or null if none yet. */
  firstSpeechT: number | null;
  /** End of the most recent speech (ms) or null. */
  lastSpeechT: number | null;
  /** Speech segments, the open one included (ending at its last active frame). */
  segments: VadSegment[];
  /** Sum of segment durations. */
  speechMs: number;
  /** Gaps longer than pauseReportMs between segments. */
  pauses: VadPause[];
  /** t of the latest speech-end event, or null. */
  turnEndT: number | null;
  /** Whether a turn is open (speech-start emitted and no speech-end since). */
  inTurn: boolean;
  /** Audio processed (ms). */
  elapsedMs: number;
  noiseFloor: number;
}

export interface VadFrameInfo {
  /** Frame end time (ms). */
  t: number;
  rms: number;
  db: number;
  /** Activity threshold used for this frame (RMS): max(relativeThreshold, absoluteMin). */
  threshold: number;
  /** Noise floor before this frame × thresholdRatio. */
  relativeThreshold: number;
  /** Noise floor after this frame. */
  noiseFloor: number;
  /** RMS above the threshold. */
  active: boolean;
  /** Inside a speech segment (after onset, within hangover). */
  speaking: boolean;
}

/** Root mean square of a frame (0 for an empty frame). */
export function rms(frame: Float32Array): number {
  const n = frame.length;
  if (n === 0) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = frame[i] as number;
    s += v * v;
  }
  return Math.sqrt(s / n);
}

/** Level in dBFS (RMS of a full-scale sine ≈ −3 dB), floored at −100. */
export function levelDb(frame: Float32Array): number {
  return rmsToDb(rms(frame));
}

export function rmsToDb(r: number): number {
  return r > 1e-5 ? 20 * Math.log10(r) : -100;
}

const EPS = 1e-6;
const FLOOR_MIN = 1e-6;
const FLOOR_DOWN_TAU_MS = 45;
const FLOOR_UP_TAU_MS = 1500;

export class Vad {
  readonly opts: Required<Omit<VadOptions, 'initialNoiseFloor'>> & { initialNoiseFloor: number | undefined };

  private samples = 0;
  private floor: number | undefined;
  private window: number[] = [];
  private windowMs: number[] = [];
  private windowTotal = 0;

  private pendingStart: number | null = null;
  private inSegment = false;
  private segStart = 0;
  private lastSpeechEnd: number | null = null;
  private closed: VadSegment[] = [];
  private closedMs = 0;
  private pauseList: VadPause[] = [];
  private turnOpen = false;
  private turnEnd: number | null = null;
  private last: VadFrameInfo | null = null;

  constructor(options: VadOptions = {}) {
    this.opts = {
      sampleRate: options.sampleRate ?? 16000,
      silenceMs: options.silenceMs ?? 1200,
      thinkingMs: options.thinkingMs ?? 4000,
      minSpeechMs: options.minSpeechMs ?? 300,
      minTurnMs: options.minTurnMs ?? 1500,
      pauseReportMs: options.pauseReportMs ?? 2000,
      hangoverMs: options.hangoverMs ?? 250,
      onsetMs: options.onsetMs ?? 60,
      thresholdRatio: options.thresholdRatio ?? 3,
      absoluteMin: options.absoluteMin ?? 0.01,
      stationaryMs: options.stationaryMs ?? 1000,
      stationaryRatio: options.stationaryRatio ?? 2,
      initialNoiseFloor: options.initialNoiseFloor,
    };
    this.floor = options.initialNoiseFloor;
  }

  /** Audio time processed so far (ms). */
  get time(): number {
    return (this.samples * 1000) / this.opts.sampleRate;
  }

  /** End of the most recent speech (ms), or null: summary().lastSpeechT without copying the segments. */
  get lastSpeechT(): number | null {
    return this.lastSpeechEnd;
  }

  get noiseFloor(): number {
    return this.floor ?? 0;
  }

  /** Current activity threshold (RMS). */
  get threshold(): number {
    return Math.max((this.floor ?? 0) * this.opts.thresholdRatio, this.opts.absoluteMin);
  }

  get inTurn(): boolean {
    return this.turnOpen;
  }

  /** Details of the most recent frame (for level meters and hints), or null before the first frame. */
  get lastFrame(): VadFrameInfo | null {
    return this.last;
  }

  /** Processes one frame and returns the events it caused (usually none). */
  push(frame: Float32Array): VadEvent[] {
    if (frame.length === 0) return [];
    const o = this.opts;
    const events: VadEvent[] = [];
    const t0 = this.time;
    this.samples += frame.length;
    const t1 = this.time;
    const dur = t1 - t0;
    const r = rms(frame);

    if (this.floor === undefined) this.floor = Math.max(r, FLOOR_MIN);
    const relativeThreshold = this.floor * o.thresholdRatio;
    const threshold = Math.max(relativeThreshold, o.absoluteMin);
    const active = r > threshold;

    // Noise floor.
    if (r <= relativeThreshold) {
      const tau = r < this.floor ? FLOOR_DOWN_TAU_MS : FLOOR_UP_TAU_MS;
      this.floor += (1 - Math.exp(-dur / tau)) * (r - this.floor);
    }
    this.window.push(r);
    this.windowMs.push(dur);
    this.windowTotal += dur;
    while (this.windowMs.length > 1 && this.windowTotal - (this.windowMs[0] as number) >= o.stationaryMs - EPS) {
      this.windowTotal -= this.windowMs.shift() as number;
      this.window.shift();
    }
    if (this.windowTotal >= o.stationaryMs - EPS) {
      let lo = Infinity;
      let hi = 0;
      for (const v of this.window) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi <= lo * o.stationaryRatio && lo > this.floor) this.floor = lo;
    }
    this.floor = Math.max(this.floor, FLOOR_MIN);

    // Segments and turn.
    if (active) {
      if (this.inSegment) {
        this.lastSpeechEnd = t1;
      } else {
        if (this.pendingStart === null) this.pendingStart = t0;
        if (t1 - this.pendingStart >= o.onsetMs - EPS) {
          const start = this.pendingStart;
          this.pendingStart = null;
          const prevEnd = this.lastSpeechEnd;
          if (prevEnd !== null && start - prevEnd > o.pauseReportMs + EPS) {
            const p = { t: prevEnd, ms: start - prevEnd };
            this.pauseList.push(p);
            events.push({ type: 'pause', t: p.t, ms: p.ms });
          }
          this.inSegment = true;
          this.segStart = start;
          this.lastSpeechEnd = t1;
          if (!this.turnOpen) {
            this.turnOpen = true;
            events.push({ type: 'speech-start', t: start });
          }
        }
      }
    } else {
      this.pendingStart = null;
      const lastEnd = this.lastSpeechEnd;
      if (this.inSegment && lastEnd !== null && t1 - lastEnd >= o.hangoverMs - EPS) this.closeSegment();
      if (this.turnOpen && lastEnd !== null) {
        const silence = t1 - lastEnd;
        const speech = this.speechMs();
        const limit = speech < o.minSpeechMs - EPS ? Infinity : speech < o.minTurnMs - EPS ? o.thinkingMs : o.silenceMs;
        if (silence >= limit - EPS) {
          if (this.inSegment) this.closeSegment();
          this.turnOpen = false;
          this.turnEnd = t1;
          events.push({ type: 'speech-end', t: t1, reason: 'silence', lastSpeechT: lastEnd });
        }
      }
    }

    this.last = { t: t1, rms: r, db: rmsToDb(r), threshold, relativeThreshold, noiseFloor: this.floor, active, speaking: this.inSegment };
    return events;
  }

  private closeSegment(): void {
    if (!this.inSegment || this.lastSpeechEnd === null) return;
    const seg = { start: this.segStart, end: this.lastSpeechEnd };
    this.closed.push(seg);
    this.closedMs += seg.end - seg.start;
    this.inSegment = false;
  }

  private speechMs(): number {
    return this.closedMs + (this.inSegment && this.lastSpeechEnd !== null ? this.lastSpeechEnd - this.segStart : 0);
  }

  /** Speech segments so far (the open one included). */
  segments(): VadSegment[] {
    const segs = this.closed.map((s) => ({ ...s }));
    if (this.inSegment && this.lastSpeechEnd !== null) segs.push({ start: this.segStart, end: this.lastSpeechEnd });
    return segs;
  }

  summary(): VadSummary {
    const segments = this.segments();
    return {
      firstSpeechT: segments[0]?.start ?? null,
      lastSpeechT: this.lastSpeechEnd,
      segments,
      speechMs: this.speechMs(),
      pauses: this.pauseList.map((p) => ({ ...p })),
      turnEndT: this.turnEnd,
      inTurn: this.turnOpen,
      elapsedMs: this.time,
      noiseFloor: this.noiseFloor,
    };
  }

  /**
   * Starts over at t = 0 (a new turn). The noise floor is kept by default (same room, same microphone);
   * pass `{ keepNoiseFloor: false }` to re-learn it.
   */
  reset(opts: { keepNoiseFloor?: boolean } = {}): void {
    const keep = opts.keepNoiseFloor ?? true;
    this.samples = 0;
    if (!keep) this.floor = this.opts.initialNoiseFloor;
    this.window = [];
    this.windowMs = [];
    this.windowTotal = 0;
    this.pendingStart = null;
    this.inSegment = false;
    this.segStart = 0;
    this.lastSpeechEnd = null;
    this.closed = [];
    this.closedMs = 0;
    this.pauseList = [];
    this.turnOpen = false;
    this.turnEnd = null;
    this.last = null;
  }
}
