/**
 * From per-frame signals to what is stored and reported: the frame tracker (blinks with hysteresis, head
 * movement, keeping the gaze through a blink), one-second buckets (persisted with the session), and
 * summaries of a window of buckets (one answer, or the whole session). Pure, no DOM.
 *
 * - **Blink**: the eye closure (mean eyeBlinkLeft/Right) rises above {@link BLINK_CLOSE} from below
 *   {@link BLINK_OPEN}; it must fall below BLINK_OPEN again before the next blink can count (hysteresis,
 *   so one noisy blink is not counted twice). Closures longer than {@link BLINK_MAX_MS} are not blinks.
 *   Blink rate = blinks per minute of face time.
 * - **Head movement**: |Δ nose tip| / eye-corner distance / Δt (face widths per second), between
 *   consecutive frames with a face at most {@link MOVEMENT_MAX_GAP_MS} apart.
 * - **Looking while blinking**: a frame whose eyes are closed keeps the previous frame's "looking" value
 *   (closed eyes read as "looking down").
 * - **Looking away while speaking**: of the frames where the candidate speaks (voice activity detector) or,
 *   for typed answers, is answering, the share with no face or not looking at the camera.
 */
import type { CameraBucket, CameraSummary, FrameSignals } from './types';

export const BLINK_CLOSE = 0.5;
export const BLINK_OPEN = 0.35;
export const BLINK_MAX_MS = 700;
export const MOVEMENT_MAX_GAP_MS = 1000;
export const BUCKET_MS = 1000;
/** Face widths per second; anything faster is a tracking jump, not head movement. */
export const MAX_MOVEMENT = 50;

/** One frame after the tracker: signals plus movement and blink. */
export interface TrackedFrame {
  /** Session time of the frame, ms. */
  t: number;
  signals: FrameSignals;
  looking: boolean;
  /** Face widths per second since the previous face frame; null for the first one. */
  movement: number | null;
  /** A blink started at this frame. */
  blink: boolean;
  speaking: boolean;
}

export class FrameTracker {
  private prev: { t: number; nose: [number, number]; scale: number } | null = null;
  private closedSince: number | null = null;
  private armed = true;
  private lastLooking = false;

  push(t: number, s: FrameSignals, speaking: boolean): TrackedFrame {
    let movement: number | null = null;
    let blink = false;
    let looking = s.looking;
    if (s.face && s.nose && s.faceScale) {
      if (this.prev && t > this.prev.t && t - this.prev.t <= MOVEMENT_MAX_GAP_MS) {
        const d = Math.hypot(s.nose[0] - this.prev.nose[0], s.nose[1] - this.prev.nose[1]);
        const scale = (s.faceScale + this.prev.scale) / 2;
        // Above MAX_MOVEMENT the tracker jumped (another face, a glitch): cap it so one frame cannot dominate.
        movement = Math.min(MAX_MOVEMENT, d / scale / ((t - this.prev.t) / 1000));
      }
      this.prev = { t, nose: s.nose, scale: s.faceScale };
      // Blink hysteresis.
      if (s.eyeClosure >= BLINK_CLOSE) {
        if (this.armed && this.closedSince === null) this.closedSince = t;
      } else if (s.eyeClosure < BLINK_OPEN) {
        if (this.closedSince !== null && this.armed && t - this.closedSince <= BLINK_MAX_MS) blink = true;
        this.closedSince = null;
        this.armed = true;
      }
      if (this.closedSince !== null) {
        if (t - this.closedSince > BLINK_MAX_MS) this.armed = false; // eyes closed for long: not a blink
        looking = this.lastLooking;
      }
      this.lastLooking = looking;
    } else {
      this.prev = null;
      this.closedSince = null;
      this.armed = true;
      this.lastLooking = false;
      looking = false;
    }
    return { t, signals: s, looking, movement, blink, speaking };
  }

  reset(): void {
    this.prev = null;
    this.closedSince = null;
    this.armed = true;
    this.lastLooking = false;
  }
}

/**
 * A blink is counted when the eyes open again (so its length is known); its bucket is the one where it
 * ended. Buckets are cut every {@link BUCKET_MS} of session time.
 */
export class BucketBuilder {
  private cur: { start: number; last: number; frames: TrackedFrame[] } | null = null;
  private readonly done: CameraBucket[] = [];

  constructor(private readonly bucketMs: number = BUCKET_MS) {}

  push(f: TrackedFrame): void {
    if (this.cur && (f.t < this.cur.start || f.t >= this.cur.start + this.bucketMs)) this.close();
    if (!this.cur) this.cur = { start: Math.floor(f.t / this.bucketMs) * this.bucketMs, last: f.t, frames: [] };
    this.cur.frames.push(f);
    this.cur.last = f.t;
  }

  /** Completed buckets since the last call (and the open one too when `all`). */
  take(all = false): CameraBucket[] {
    if (all) this.close();
    return this.done.splice(0, this.done.length);
  }

  private close(): void {
    const c = this.cur;
    this.cur = null;
    if (c && c.frames.length > 0) this.done.push(bucketOf(c.start, Math.min(this.bucketMs, Math.max(1, c.last - c.start + 1)), c.frames));
  }
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export function bucketOf(t: number, ms: number, frames: readonly TrackedFrame[]): CameraBucket {
  const faces = frames.filter((f) => f.signals.face);
  const moving = faces.filter((f) => f.movement !== null);
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const speaking = frames.filter((f) => f.speaking);
  return {
    t: Math.round(t),
    ms: Math.round(ms),
    frames: frames.length,
    face: faces.length,
    looking: faces.filter((f) => f.looking).length,
    smile: r3(mean(faces.map((f) => f.signals.smile))),
    brow: r3(mean(faces.map((f) => f.signals.brow))),
    movement: r3(mean(moving.map((f) => f.movement ?? 0))),
    blinks: frames.filter((f) => f.blink).length,
    speaking: speaking.length,
    away: speaking.filter((f) => !f.signals.face || !f.looking).length,
  };
}

/** Buckets that start within [from, to) of session time. */
export function bucketsIn(buckets: readonly CameraBucket[], from: number, to: number): CameraBucket[] {
  return buckets.filter((b) => b.t + b.ms > from && b.t < to);
}

/** Summary of a set of buckets: shares and frame-weighted means (null where nothing was measured). */
export function summarise(buckets: readonly CameraBucket[]): CameraSummary {
  let frames = 0;
  let face = 0;
  let looking = 0;
  let smile = 0;
  let brow = 0;
  let movement = 0;
  let movementW = 0;
  let blinks = 0;
  let faceMs = 0;
  let speaking = 0;
  let away = 0;
  let ms = 0;
  for (const b of buckets) {
    frames += b.frames;
    face += b.face;
    looking += b.looking;
    smile += b.smile * b.face;
    brow += b.brow * b.face;
    if (b.face > 1) {
      movement += b.movement * b.face;
      movementW += b.face;
    }
    blinks += b.blinks;
    faceMs += b.frames > 0 ? (b.ms * b.face) / b.frames : 0;
    speaking += b.speaking;
    away += b.away;
    ms += b.ms;
  }
  const share = (n: number, d: number): number | null => (d > 0 ? r3(n / d) : null);
  return {
    seconds: Math.round(ms / 100) / 10,
    frames,
    presence: share(face, frames),
    looking: share(looking, face),
    smile: share(smile, face),
    brow: share(brow, face),
    movement: share(movement, movementW),
    // Blink rate needs some face time to mean anything.
    blinkRate: faceMs >= 5000 ? Math.round((blinks / (faceMs / 60_000)) * 10) / 10 : null,
    awayWhileSpeaking: share(away, speaking),
  };
}
