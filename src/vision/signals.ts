/**
 * Per-frame camera signals: documented formulas over MediaPipe FaceLandmarker outputs (landmarks,
 * blendshapes, facial transformation matrix). Pure functions, no DOM, no MediaPipe import: the vision
 * worker runs them on each frame and the unit tests run them on recorded outputs
 * (tests/fixtures/vision/observations.json).
 *
 * These are observable cues, never labels of feelings: "the mouth corners are raised", nothing more.
 *
 * Formulas (b = blendshape score 0–1; M = the 4×4 facial transformation matrix, column-major):
 * - **face present**: FaceLandmarker returned a face (its own face-presence confidence ≥ 0.5).
 * - **head direction**: the face's forward axis f = M·(0,0,1) (third column) and the direction from the
 *   face to the camera c = −translation/|translation|. headYaw = atan2(f.x, f.z) − atan2(c.x, c.z),
 *   headPitch = atan2(f.y, √(f.x²+f.z²)) − atan2(c.y, √(c.x²+c.z²)), in degrees (+ = towards the
 *   subject's left / up). Using c makes a face off the centre of the picture that turns towards the lens
 *   count as facing it.
 * - **eye direction in the head**: eyesLeft = mean(b.eyeLookOutLeft, b.eyeLookInRight), eyesRight =
 *   mean(b.eyeLookInLeft, b.eyeLookOutRight), eyesUp = mean(b.eyeLookUpLeft/Right), eyesDown =
 *   mean(b.eyeLookDownLeft/Right). A full-scale blendshape is taken as 30° sideways, 25° up/down.
 * - **gaze** = head direction + eye direction: gazeYaw = headYaw + 30°·(eyesLeft − eyesRight),
 *   gazePitch = headPitch + 25°·(eyesUp − eyesDown).
 * - **looking at the camera**: a face, |gazeYaw| ≤ 20° and |gazePitch| ≤ 20°. Without a matrix, the
 *   head direction falls back to the nose's offset from the eye corners' midpoint (landmarks).
 * - **smile** = mean(b.mouthSmileLeft, b.mouthSmileRight).
 * - **brow tension** = max(mean(b.browDownLeft, b.browDownRight), b.browInnerUp): brows lowered or inner
 *   brows pulled up.
 * - **eye closure** = mean(b.eyeBlinkLeft, b.eyeBlinkRight); blinks are counted from it with hysteresis
 *   (src/vision/tracker.ts).
 * - **head movement** (tracker): the nose tip's displacement between frames divided by the outer-eye-corner
 *   distance (the face's size in the picture) and by the time between the frames: face widths per second.
 */
import { BLENDSHAPES_USED, type BlendshapeName, type Blendshapes, type FaceObservation, type FrameSignals, type Point } from './types';

export const LOOKING_MAX_YAW_DEG = 20;
export const LOOKING_MAX_PITCH_DEG = 20;
/** Degrees of eye rotation for a full-scale eyeLook* blendshape. */
export const EYE_YAW_RANGE_DEG = 30;
export const EYE_PITCH_RANGE_DEG = 25;

const DEG = 180 / Math.PI;
const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const mean2 = (a: number, b: number): number => (a + b) / 2;

/** Minimal structural shape of a FaceLandmarkerResult (so this file does not import MediaPipe). */
export interface LandmarkerResultLike {
  faceLandmarks: { x: number; y: number }[][];
  faceBlendshapes: { categories: { categoryName: string; score: number }[] }[];
  facialTransformationMatrixes?: { rows: number; columns: number; data: number[] }[];
}

export const NOSE_TIP = 1;
export const LEFT_EYE_OUTER = 263;
export const RIGHT_EYE_OUTER = 33;

/** The first face of a result, reduced to what the formulas need (null when there is no face). */
export function extractObservation(result: LandmarkerResultLike, width: number, height: number): FaceObservation | null {
  const landmarks = result.faceLandmarks[0];
  if (!landmarks || landmarks.length <= LEFT_EYE_OUTER) return null;
  const px = (i: number): Point => {
    const p = landmarks[i] ?? { x: 0, y: 0 };
    return [p.x * width, p.y * height];
  };
  const scores = new Map((result.faceBlendshapes[0]?.categories ?? []).map((c) => [c.categoryName, c.score]));
  const blendshapes = Object.fromEntries(BLENDSHAPES_USED.map((n) => [n, scores.get(n) ?? 0])) as Blendshapes;
  const m = result.facialTransformationMatrixes?.[0];
  const matrix = m && m.rows === 4 && m.columns === 4 && m.data.length === 16 ? [...m.data] : null;
  return { blendshapes, matrix, nose: px(NOSE_TIP), leftEye: px(LEFT_EYE_OUTER), rightEye: px(RIGHT_EYE_OUTER) };
}

export interface HeadPose {
  yaw: number;
  pitch: number;
}

/** Head direction relative to the face→camera line, from the transformation matrix (degrees). */
export function headPoseFromMatrix(m: readonly number[]): HeadPose | null {
  if (m.length !== 16) return null;
  const [fx, fy, fz] = [m[8] ?? 0, m[9] ?? 0, m[10] ?? 0];
  const [tx, ty, tz] = [m[12] ?? 0, m[13] ?? 0, m[14] ?? 0];
  const tl = Math.hypot(tx, ty, tz);
  if (!(Math.hypot(fx, fy, fz) > 0)) return null;
  // Face → camera direction (the camera is at the origin); straight ahead if the translation is unknown.
  const [cx, cy, cz] = tl > 0 ? [-tx / tl, -ty / tl, -tz / tl] : [0, 0, 1];
  const yaw = (Math.atan2(fx, fz) - Math.atan2(cx, cz)) * DEG;
  const pitch = (Math.atan2(fy, Math.hypot(fx, fz)) - Math.atan2(cy, Math.hypot(cx, cz))) * DEG;
  return { yaw: wrap180(yaw), pitch: wrap180(pitch) };
}

/**
 * Fallback head direction from landmarks: the nose tip's offset from the eye corners' midpoint, in
 * eye-corner distances, mapped to degrees (about 0.5 ⇒ 45°). Image x grows to the subject's left
 * (an unmirrored camera), image y grows downwards.
 */
export function headPoseFromLandmarks(o: Pick<FaceObservation, 'nose' | 'leftEye' | 'rightEye'>): HeadPose | null {
  const scale = faceScale(o);
  if (!(scale > 0)) return null;
  const midX = (o.leftEye[0] + o.rightEye[0]) / 2;
  const midY = (o.leftEye[1] + o.rightEye[1]) / 2;
  const dx = (o.nose[0] - midX) / scale;
  // At rest the nose tip sits about 0.45 eye-corner distances below the eye line.
  const dy = (o.nose[1] - midY) / scale - 0.45;
  return { yaw: Math.asin(Math.max(-1, Math.min(1, dx * 1.4))) * DEG, pitch: -Math.asin(Math.max(-1, Math.min(1, dy * 1.4))) * DEG };
}

function wrap180(d: number): number {
  let x = d;
  while (x > 180) x -= 360;
  while (x < -180) x += 360;
  return x;
}

/** Eyes' direction in the head from the eyeLook* blendshapes: −1…1, + = subject's left / up. */
export function eyeDirection(b: Blendshapes): { h: number; v: number } {
  const left = mean2(b.eyeLookOutLeft, b.eyeLookInRight);
  const right = mean2(b.eyeLookInLeft, b.eyeLookOutRight);
  const up = mean2(b.eyeLookUpLeft, b.eyeLookUpRight);
  const down = mean2(b.eyeLookDownLeft, b.eyeLookDownRight);
  return { h: left - right, v: up - down };
}

export function smileScore(b: Blendshapes): number {
  return clamp01(mean2(b.mouthSmileLeft, b.mouthSmileRight));
}

export function browTension(b: Blendshapes): number {
  return clamp01(Math.max(mean2(b.browDownLeft, b.browDownRight), b.browInnerUp));
}

export function eyeClosure(b: Blendshapes): number {
  return clamp01(mean2(b.eyeBlinkLeft, b.eyeBlinkRight));
}

/** Outer-eye-corner distance in pixels: the face's size in the picture. */
export function faceScale(o: Pick<FaceObservation, 'leftEye' | 'rightEye'>): number {
  return Math.hypot(o.leftEye[0] - o.rightEye[0], o.leftEye[1] - o.rightEye[1]);
}

export function isLooking(gazeYaw: number, gazePitch: number): boolean {
  return Math.abs(gazeYaw) <= LOOKING_MAX_YAW_DEG && Math.abs(gazePitch) <= LOOKING_MAX_PITCH_DEG;
}

export const NO_FACE: FrameSignals = {
  face: false,
  headYaw: null,
  headPitch: null,
  gazeYaw: null,
  gazePitch: null,
  looking: false,
  smile: 0,
  brow: 0,
  eyeClosure: 0,
  nose: null,
  faceScale: null,
};

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const r1 = (x: number): number => Math.round(x * 10) / 10;

/** All per-frame signals of one observation (null = no face). */
export function frameSignals(o: FaceObservation | null): FrameSignals {
  if (!o) return NO_FACE;
  const b = o.blendshapes;
  const head = (o.matrix ? headPoseFromMatrix(o.matrix) : null) ?? headPoseFromLandmarks(o);
  const eyes = eyeDirection(b);
  const gazeYaw = head ? head.yaw + EYE_YAW_RANGE_DEG * eyes.h : null;
  const gazePitch = head ? head.pitch + EYE_PITCH_RANGE_DEG * eyes.v : null;
  const scale = faceScale(o);
  return {
    face: true,
    headYaw: head ? r1(head.yaw) : null,
    headPitch: head ? r1(head.pitch) : null,
    gazeYaw: gazeYaw === null ? null : r1(gazeYaw),
    gazePitch: gazePitch === null ? null : r1(gazePitch),
    looking: gazeYaw !== null && gazePitch !== null && isLooking(gazeYaw, gazePitch),
    smile: r3(smileScore(b)),
    brow: r3(browTension(b)),
    eyeClosure: r3(eyeClosure(b)),
    nose: [r1(o.nose[0]), r1(o.nose[1])],
    faceScale: scale > 0 ? r1(scale) : null,
  };
}

export type { BlendshapeName };
