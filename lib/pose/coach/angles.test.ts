import { describe, expect, it } from 'vitest';
import { angleAt, indexKeypoints, meanOf, mirrorName, tiltDegrees } from './angles';
import { figure } from '../../../testkit/pose/synthetic-pose';
import { measure } from './measures';
import { createReference } from './reference';
import { SIDES } from './body';
import type { PointsByName } from './angles';

/** A frame with no learned rest pose yet: every limb is taken as lying across the picture. */
const frame = (points: PointsByName) => ({ points, ref: createReference(), sides: SIDES, view: null });

describe('angle maths', () => {
  it('measures the angle at the middle point', () => {
    expect(angleAt({ x: 1, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 1 })).toBeCloseTo(90);
    expect(angleAt({ x: 1, y: 0 }, { x: 0, y: 0 }, { x: -1, y: 0 })).toBeCloseTo(180);
    expect(angleAt({ x: 1, y: 0 }, { x: 0, y: 0 }, { x: 2, y: 0 })).toBeCloseTo(0);
    expect(angleAt({ x: 1, y: 1 }, { x: 0, y: 0 }, { x: 1, y: 0 })).toBeCloseTo(45);
    expect(angleAt({ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 1, y: 0 })).toBeNull();
  });

  it('is accurate near straight, where acos would not be', () => {
    expect(angleAt({ x: -1000, y: 0 }, { x: 0, y: 0 }, { x: 1000, y: 0.01 })).toBeCloseTo(180 - (0.01 / 1000) * (180 / Math.PI), 6);
  });

  it('measures the lean of a line either way round', () => {
    expect(tiltDegrees({ x: 0, y: 0 }, { x: 10, y: 0 })).toBeCloseTo(0);
    expect(tiltDegrees({ x: 0, y: 0 }, { x: 10, y: 10 })).toBeCloseTo(45);
    expect(tiltDegrees({ x: 10, y: 10 }, { x: 0, y: 0 })).toBeCloseTo(45);
    expect(tiltDegrees({ x: 0, y: 10 }, { x: 10, y: 0 })).toBeCloseTo(-45);
  });

  it('leaves out keypoints the model is unsure of', () => {
    const points = indexKeypoints([{ name: 'nose', x: 1, y: 2, score: 0.9 }, { name: 'left_eye', x: 3, y: 4, score: 0.1 }, { name: 'right_eye', x: Number.NaN, y: 0, score: 1 }], 0.3);
    expect([...points.keys()]).toEqual(['nose']);
  });

  it('mirrors side names and averages what was seen', () => {
    expect(mirrorName('left_knee')).toBe('right_knee');
    expect(mirrorName('right_hip')).toBe('left_hip');
    expect(mirrorName('nose')).toBe('nose');
    expect(meanOf([10, null, 20])).toBe(15);
    expect(meanOf([null])).toBeNull();
  });

  it('reads the joint angles a synthetic figure was posed with, on either side alone', () => {
    const pose = figure({ knee: 95, elbow: 120, arm: 150, feet: 2 });
    const all = indexKeypoints(pose, 0.3);
    expect(measure(frame(all), { kind: 'angle', joints: ['left_hip', 'left_knee', 'left_ankle'] })).toBeCloseTo(95, 5);
    expect(measure(frame(all), { kind: 'angle', joints: ['left_shoulder', 'left_elbow', 'left_wrist'] })).toBeCloseTo(120, 5);
    const rightOnly = indexKeypoints(pose.filter((k) => !k.name.startsWith('left_')), 0.3);
    expect(measure(frame(rightOnly), { kind: 'angle', joints: ['left_hip', 'left_knee', 'left_ankle'] })).toBeCloseTo(95, 5);
    const straight = indexKeypoints(figure({ arm: 150, feet: 2 }), 0.3);
    expect(measure(frame(straight), { kind: 'ratio', span: ['left_ankle', 'right_ankle'], per: ['left_shoulder', 'right_shoulder'], views: ['front'] })).toBeCloseTo(2, 5);
    expect(measure(frame(straight), { kind: 'angle', joints: ['left_hip', 'left_shoulder', 'left_elbow'] })).toBeCloseTo(150, 5);
    expect(measure(frame(indexKeypoints([], 0.3)), { kind: 'angle', joints: ['left_hip', 'left_knee', 'left_ankle'] })).toBeNull();
  });
});
