import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  browTension,
  eyeDirection,
  extractObservation,
  frameSignals,
  headPoseFromLandmarks,
  headPoseFromMatrix,
  smileScore,
} from '../../src/vision/signals';
import type { FaceObservation } from '../../src/vision/types';

/** Real FaceLandmarker outputs on the shared face fixtures, recorded by tests/fixtures/vision/record.mjs. */
interface Recorded {
  photos: Record<string, { width: number; height: number; observation: FaceObservation | null }>;
  clips: Record<string, { t: number; width: number; height: number; observation: FaceObservation | null }[]>;
}
const REC = JSON.parse(readFileSync(new URL('../fixtures/vision/observations.json', import.meta.url), 'utf8')) as Recorded;
function photo(name: string): FaceObservation {
  const o = REC.photos[name]?.observation;
  if (!o) throw new Error(`no face recorded for ${name}`);
  return o;
}
const neutral = photo('london_030_neutral.jpg');
const smiling = photo('london_030_smiling.jpg');
const neutral2 = photo('london_022_neutral.jpg');

/** A column-major 4×4 rotation (yaw about y, then pitch about x) with a translation. */
function matrix(yawDeg: number, pitchDeg: number, t: [number, number, number] = [0, 0, -40]): number[] {
  const y = (yawDeg * Math.PI) / 180;
  const p = (pitchDeg * Math.PI) / 180;
  // forward = (sin y cos p, sin p, cos y cos p); columns: x axis, y axis, forward, translation.
  const f = [Math.sin(y) * Math.cos(p), Math.sin(p), Math.cos(y) * Math.cos(p)];
  const xAxis = [Math.cos(y), 0, -Math.sin(y)];
  const yAxis = [-Math.sin(y) * Math.sin(p), Math.cos(p), -Math.cos(y) * Math.sin(p)];
  return [...xAxis, 0, ...yAxis, 0, ...(f as [number, number, number]), 0, ...t, 1];
}

describe('per-frame signals on recorded FaceLandmarker outputs', () => {
  it('smile = mean(mouthSmileLeft, mouthSmileRight): high on the smiling photo, about 0 on the neutral ones', () => {
    expect(smileScore(smiling.blendshapes)).toBeGreaterThan(0.8);
    expect(smileScore(neutral.blendshapes)).toBeLessThan(0.05);
    expect(smileScore(neutral2.blendshapes)).toBeLessThan(0.05);
    expect(smileScore({ ...neutral.blendshapes, mouthSmileLeft: 0.6, mouthSmileRight: 0.2 })).toBeCloseTo(0.4, 6);
  });

  it('brow tension = max(mean(browDown*), browInnerUp)', () => {
    const b = neutral.blendshapes;
    expect(browTension(b)).toBeLessThan(0.15);
    expect(browTension({ ...b, browDownLeft: 0.67, browDownRight: 0.58, browInnerUp: 0 })).toBeCloseTo(0.625, 6);
    expect(browTension({ ...b, browDownLeft: 0, browDownRight: 0, browInnerUp: 0.7 })).toBeCloseTo(0.7, 6);
    // The smile raises the cheeks and pulls the brows a little: above the neutral value, far below a frown.
    expect(browTension(smiling.blendshapes)).toBeGreaterThan(browTension(b));
    expect(browTension(smiling.blendshapes)).toBeLessThan(0.4);
  });

  it('frontal photos face the camera: head direction within a few degrees, "looking" true', () => {
    for (const o of [neutral, smiling, neutral2]) {
      const s = frameSignals(o);
      expect(s.face).toBe(true);
      expect(Math.abs(s.headYaw ?? 99)).toBeLessThan(5);
      expect(Math.abs(s.headPitch ?? 99)).toBeLessThan(10);
      expect(s.looking).toBe(true);
    }
  });

  it('the landmark fallback (no matrix) agrees on frontal faces', () => {
    for (const o of [neutral, smiling, neutral2]) {
      const pose = headPoseFromLandmarks(o);
      expect(Math.abs(pose?.yaw ?? 99)).toBeLessThan(8);
      expect(Math.abs(pose?.pitch ?? 99)).toBeLessThan(15);
      expect(frameSignals({ ...o, matrix: null }).looking).toBe(true);
    }
    // Nose tip moved a third of the eye distance towards the subject's left: turned left, not looking.
    const turned = { ...neutral, matrix: null, nose: [neutral.nose[0] + 0.33 * 298, neutral.nose[1]] as [number, number] };
    expect(headPoseFromLandmarks(turned)?.yaw).toBeGreaterThan(20);
    expect(frameSignals(turned).looking).toBe(false);
  });

  it('head pose from the transformation matrix: a turned or tilted head is not looking at the camera', () => {
    expect(headPoseFromMatrix(matrix(0, 0))?.yaw).toBeCloseTo(0, 6);
    expect(headPoseFromMatrix(matrix(35, 0))?.yaw).toBeCloseTo(35, 4);
    expect(headPoseFromMatrix(matrix(0, -30))?.pitch).toBeCloseTo(-30, 4);
    const b = neutral.blendshapes;
    expect(frameSignals({ ...neutral, matrix: matrix(35, 0) }).looking).toBe(false);
    expect(frameSignals({ ...neutral, matrix: matrix(0, 28) }).looking).toBe(false);
    expect(frameSignals({ ...neutral, matrix: matrix(12, -8) }).looking).toBe(true);
    // Head turned 25° to the subject's left, eyes turned back to the right: gaze ≈ 25 − 30·0.6 = 7° → looking.
    const eyesBack = { ...b, eyeLookOutLeft: 0, eyeLookInRight: 0, eyeLookInLeft: 0.6, eyeLookOutRight: 0.6 };
    expect(frameSignals({ ...neutral, blendshapes: eyesBack, matrix: matrix(25, 0) }).looking).toBe(true);
    // Head straight, eyes far to one side: gaze 30·0.8 = 24° → not looking.
    const eyesAway = { ...b, eyeLookOutLeft: 0.8, eyeLookInRight: 0.8, eyeLookInLeft: 0, eyeLookOutRight: 0 };
    expect(eyeDirection(eyesAway).h).toBeCloseTo(0.8, 6);
    expect(frameSignals({ ...neutral, blendshapes: eyesAway, matrix: matrix(0, 0) }).looking).toBe(false);
  });

  it('a face off the centre of the picture that turns towards the lens counts as facing it', () => {
    // Face 15 cm to the right of the optical axis at 40 cm: it must turn by atan(15/40) ≈ 20.6° (towards −x) to face the lens.
    const towardsLens = matrix(-20.56, 0, [15, 0, -40]);
    expect(Math.abs(headPoseFromMatrix(towardsLens)?.yaw ?? 99)).toBeLessThan(0.5);
    expect(Math.abs(headPoseFromMatrix(matrix(0, 0, [15, 0, -40]))?.yaw ?? 0)).toBeGreaterThan(20);
  });

  it('no face: every signal is empty; extractObservation of an empty result is null', () => {
    expect(extractObservation({ faceLandmarks: [], faceBlendshapes: [] }, 320, 240)).toBeNull();
    const s = frameSignals(null);
    expect(s).toMatchObject({ face: false, looking: false, smile: 0, headYaw: null, nose: null });
    for (const f of REC.clips['no_face_2s.y4m'] ?? []) expect(frameSignals(f.observation).face).toBe(false);
    expect(REC.clips['no_face_2s.y4m']?.length).toBeGreaterThan(0);
  });

  it('the camera clip (neutral 0–3 s, smiling 3–6 s) switches smile within one analysed frame of the cut', () => {
    const clip = REC.clips['face_neutral_then_smiling_6s.y4m'] ?? [];
    expect(clip.length).toBeGreaterThan(30);
    for (const f of clip) {
      const s = frameSignals(f.observation);
      expect(s.face).toBe(true);
      const phase = (f.t % 6000) / 1000;
      if (phase > 0.2 && phase < 2.8) expect(s.smile).toBeLessThan(0.05);
      if (phase > 3.2 && phase < 5.8) expect(s.smile).toBeGreaterThan(0.8);
    }
  });
});
