import { describe, expect, it } from 'vitest';
import { FPS } from './coach-clips';
import { FULL_SQUAT, squatHandles, squatPose, torsoOf } from './front-squat';
import { HALF_DEPTH, squatDepths, SQUAT_TIMING, standingKeypoints } from './front-squat-clip';
import { pinEdge, warp, type Rgb } from './mls-warp';

/** A picture whose every pixel says where it is: red = x, green = y. */
function gradient(size: number): Rgb {
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data.set([x, y, 0], (y * size + x) * 3);
  return { width: size, height: size, data };
}
const pixel = (img: Rgb, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 2)];

describe('mls warp', () => {
  const box = { x0: 8, y0: 8, x1: 56, y1: 56 };

  it('leaves the picture as it is when no handle moves', () => {
    const img = gradient(64);
    expect(warp(img, pinEdge(box, 8), box).data).toEqual(img.data);
  });

  it('carries a moved handle’s pixels to its new place, and changes nothing outside the box', () => {
    const img = gradient(64);
    const handles = [...pinEdge(box, 8), { from: { x: 30, y: 24 }, to: { x: 30, y: 36 } }];
    const out = warp(img, handles, box);
    expect(pixel(out, 30, 36)).toEqual([30, 24]); // the source pixel (30, 24) now shows 12 px lower
    expect(pixel(out, 4, 40)).toEqual([4, 40]);
    expect(pixel(out, 30, 60)).toEqual([30, 60]);
  });
});

describe('front squat', () => {
  const k = standingKeypoints();
  const t = torsoOf(k);
  const hipY = (p: typeof k) => (p.left_hip!.y + p.right_hip!.y) / 2;

  it('drops the hips by the designed torso lengths, keeps the feet and spreads the knees', () => {
    expect(t).toBeGreaterThan(70); // pose_1.mp4's person, 576 px picture
    expect((hipY(squatPose(k, 1)) - hipY(k)) / t).toBeCloseTo(FULL_SQUAT.hipDrop, 5);
    expect((hipY(squatPose(k, HALF_DEPTH)) - hipY(k)) / t).toBeCloseTo(0.3, 5);
    const bottom = squatPose(k, 1);
    expect(bottom.left_ankle).toEqual(k.left_ankle);
    expect(Math.abs(bottom.left_knee!.x - bottom.right_knee!.x)).toBeGreaterThan(Math.abs(k.left_knee!.x - k.right_knee!.x) + 0.3 * t);
    expect(squatPose(k, 0)).toEqual(k);
  });

  it('makes handles that take every keypoint to its place in the pose', () => {
    const pose = squatPose(k, 1);
    const handles = squatHandles(k, pose, { x0: 0, y0: 0, x1: 575, y1: 575 });
    const near = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y) < 1e-9;
    for (const name of Object.keys(k)) expect(handles.some((h) => near(h.from, k[name]!) && near(h.to, pose[name]!)), name).toBe(true);
  });

  it('times the moves: standing lead, down, held, up, standing between, standing tail', () => {
    const n = (s: number) => Math.round(s * FPS);
    const move = 2 * n(SQUAT_TIMING.down) - 1 + n(SQUAT_TIMING.hold) + n(SQUAT_TIMING.stand);
    const depths = squatDepths('FH', 2, 3);
    expect(depths).toHaveLength(n(2) + 2 * move + n(3));
    expect(Math.max(...depths.slice(0, n(2) + move))).toBe(1);
    expect(Math.max(...depths.slice(n(2) + move))).toBe(HALF_DEPTH);
    expect(depths.slice(0, n(2)).every((d) => d === 0) && depths.slice(-n(3)).every((d) => d === 0)).toBe(true);
    expect(() => squatDepths('FX', 1, 1)).toThrow(/Unknown move/);
  });
});
