/**
 * Camera cues: the numbers that cross the worker boundary and the numbers that are stored. Pure data.
 *
 * Privacy by construction: no type here can hold an image. Frames exist only as ImageBitmaps transferred
 * into the vision worker, which closes them after one detection; what comes back is a handful of numbers
 * per frame ({@link FrameSignals}), and what is stored is one {@link CameraBucket} per second.
 */

/** The MediaPipe blendshapes the formulas use (of 52). */
export const BLENDSHAPES_USED = [
  'mouthSmileLeft',
  'mouthSmileRight',
  'browDownLeft',
  'browDownRight',
  'browInnerUp',
  'eyeBlinkLeft',
  'eyeBlinkRight',
  'eyeLookInLeft',
  'eyeLookInRight',
  'eyeLookOutLeft',
  'eyeLookOutRight',
  'eyeLookUpLeft',
  'eyeLookUpRight',
  'eyeLookDownLeft',
  'eyeLookDownRight',
] as const;
export type BlendshapeName = (typeof BLENDSHAPES_USED)[number];
export type Blendshapes = Record<BlendshapeName, number>;

/** A point in pixels of the analysed frame. */
export type Point = [x: number, y: number];

/**
 * What is kept of one FaceLandmarker result: the blendshapes the formulas use, the facial transformation
 * matrix and three landmarks. Numbers only.
 */
export interface FaceObservation {
  blendshapes: Blendshapes;
  /** 4×4 facial transformation matrix in MediaPipe's column-major layout (translation in [12..14], cm), or null. */
  matrix: number[] | null;
  /** Landmark 1 (nose tip), in pixels. */
  nose: Point;
  /** Landmark 263 (outer corner of the subject's left eye), in pixels. */
  leftEye: Point;
  /** Landmark 33 (outer corner of the subject's right eye), in pixels. */
  rightEye: Point;
}

/** Per-frame signals (see src/vision/signals.ts for the formulas). */
export interface FrameSignals {
  face: boolean;
  /** Head direction relative to the line from the face to the camera, degrees; + = subject's left / up. */
  headYaw: number | null;
  headPitch: number | null;
  /** Head direction plus the eyes' direction in the head (from eyeLook* blendshapes), degrees. */
  gazeYaw: number | null;
  gazePitch: number | null;
  /** Gaze within the "looking at the camera" cone. */
  looking: boolean;
  /** 0–1: mean of mouthSmileLeft/Right. */
  smile: number;
  /** 0–1: the larger of mean(browDownLeft/Right) and browInnerUp. */
  brow: number;
  /** 0–1: mean of eyeBlinkLeft/Right (blinks are found from it with hysteresis). */
  eyeClosure: number;
  /** Nose tip in pixels, and the outer-eye-corner distance in pixels (the face's scale), for head movement. */
  nose: Point | null;
  faceScale: number | null;
}

/** One analysed frame as the worker returns it. */
export interface FrameResult {
  signals: FrameSignals;
  /** Inference time in the worker, ms. */
  ms: number;
}

/**
 * One second (or less, at the edges) of camera signals, persisted with the session. Times are session
 * times (ms of active interview time, like every session event), so buckets line up with the answers.
 * Means are over the frames with a face; counts are frames.
 */
export interface CameraBucket {
  /** Session time at the start of the bucket, ms. */
  t: number;
  /** Time covered, ms. */
  ms: number;
  /** Frames analysed. */
  frames: number;
  /** Frames with a face. */
  face: number;
  /** Frames looking at the camera. */
  looking: number;
  /** Mean smile (0–1) over the frames with a face. */
  smile: number;
  /** Mean brow tension (0–1) over the frames with a face. */
  brow: number;
  /** Mean head movement, face widths per second, over the frames with a face and a previous face. */
  movement: number;
  /** Blinks that started in the bucket. */
  blinks: number;
  /** Frames while the candidate was speaking (voice answers) or answering (typed answers). */
  speaking: number;
  /** Of those, frames with no face or not looking at the camera. */
  away: number;
}

/** A window's summary (one answer, or the whole session). Null where there was nothing to measure. */
export interface CameraSummary {
  /** Seconds of camera data in the window. */
  seconds: number;
  frames: number;
  /** Share of frames with a face, 0–1. */
  presence: number | null;
  /** Share of frames with a face that looked at the camera, 0–1. */
  looking: number | null;
  /** Mean smile, 0–1. */
  smile: number | null;
  /** Mean brow tension, 0–1. */
  brow: number | null;
  /** Mean head movement, face widths per second. */
  movement: number | null;
  /** Blinks per minute of face time. */
  blinkRate: number | null;
  /** Share of speaking frames with no face or not looking at the camera, 0–1. */
  awayWhileSpeaking: number | null;
}
