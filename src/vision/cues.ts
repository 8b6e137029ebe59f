/**
 * Live cues: at most one gentle, actionable hint every {@link CueOptions.minGapMs} (20 s or more), about
 * what can be observed: the face out of the picture, the gaze away from the camera while speaking, a lot
 * of head movement. Never about expressions, never an emotion. Pure, with an injected clock (ms).
 *
 * A cue needs {@link CueOptions.windowMs} of evidence (the last 8 s, at least 60 % of it analysed), and the
 * first one waits {@link CueOptions.warmupMs} after the camera starts.
 */
import type { TrackedFrame } from './aggregate';

export type CueKind = 'no-face' | 'look-at-camera' | 'keep-steady';

export interface Cue {
  kind: CueKind;
  text: string;
  t: number;
}

export const CUE_TEXT: Record<CueKind, string> = {
  'no-face': 'The camera cannot see your face. Check that you are in the picture and well lit.',
  'look-at-camera': 'Try looking at the camera now and then while you speak.',
  'keep-steady': 'Try keeping your head a little steadier.',
};

export interface CueOptions {
  minGapMs: number;
  windowMs: number;
  warmupMs: number;
  /** no-face: share of frames without a face above this. */
  noFaceShare: number;
  /** look-at-camera: share of speaking frames looking away above this (needs speaking frames). */
  awayShare: number;
  /** keep-steady: mean movement (face widths / s) above this. */
  movement: number;
}

export const DEFAULT_CUES: CueOptions = { minGapMs: 20_000, windowMs: 8_000, warmupMs: 10_000, noFaceShare: 0.8, awayShare: 0.7, movement: 0.6 };

export class CuePolicy {
  private readonly opts: CueOptions;
  private frames: { at: number; f: TrackedFrame }[] = [];
  private lastCueAt: number | null = null;
  private startedAt: number | null = null;

  constructor(opts: Partial<CueOptions> = {}) {
    this.opts = { ...DEFAULT_CUES, ...opts };
    if (this.opts.minGapMs < 20_000) this.opts.minGapMs = 20_000; // the product promise: never more often
  }

  /** Add a frame seen at wall-clock `at` (ms); returns a cue to show, or null. */
  push(at: number, f: TrackedFrame): Cue | null {
    this.startedAt ??= at;
    this.frames.push({ at, f });
    const from = at - this.opts.windowMs;
    while (this.frames.length > 0 && (this.frames[0]?.at ?? at) < from) this.frames.shift();
    if (at - this.startedAt < this.opts.warmupMs) return null;
    if (this.lastCueAt !== null && at - this.lastCueAt < this.opts.minGapMs) return null;
    const kind = this.evaluate();
    if (!kind) return null;
    this.lastCueAt = at;
    return { kind, text: CUE_TEXT[kind], t: at };
  }

  private evaluate(): CueKind | null {
    const fs = this.frames.map((x) => x.f);
    const first = this.frames[0];
    const last = this.frames.at(-1);
    if (!first || !last || last.at - first.at < this.opts.windowMs * 0.6 || fs.length < 4) return null;
    const faces = fs.filter((f) => f.signals.face);
    if (1 - faces.length / fs.length > this.opts.noFaceShare) return 'no-face';
    const speaking = fs.filter((f) => f.speaking);
    if (speaking.length >= fs.length / 2 && speaking.filter((f) => !f.signals.face || !f.looking).length / speaking.length > this.opts.awayShare) {
      return 'look-at-camera';
    }
    const moving = faces.filter((f) => f.movement !== null);
    if (moving.length >= 4 && moving.reduce((a, f) => a + (f.movement ?? 0), 0) / moving.length > this.opts.movement) return 'keep-steady';
    return null;
  }

  /** Forget the window (pause, a new answer); the gap since the last cue still holds. */
  clear(): void {
    this.frames = [];
  }
}
