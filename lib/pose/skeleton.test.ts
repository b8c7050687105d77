import { describe, expect, it } from 'vitest';
import { BLAZEPOSE_EDGES, createSmoother, EDGES, visibleLimbs } from './skeleton';

const kp = (name: string, x: number, y: number, score = 0.9) => ({ name, x, y, score });

describe('skeleton', () => {
  it('joins the 17 MoveNet keypoints into 16 limbs, dropping limbs with an unsure end', () => {
    expect(EDGES).toHaveLength(16);
    const pose = [kp('left_shoulder', 0, 0), kp('left_elbow', 10, 10), kp('left_wrist', 20, 20, 0.1)];
    expect(visibleLimbs(pose, 0.3).map(([a, b]) => `${a.name}-${b.name}`)).toEqual(['left_shoulder-left_elbow']);
  });
  it('joins BlazePose’s 33 keypoints, hands and feet included, and draws no MoveNet face lines over its finer ones', () => {
    const names = new Set(BLAZEPOSE_EDGES.flat());
    expect(names.size).toBe(33); // every BlazePose keypoint is in some limb
    expect(BLAZEPOSE_EDGES).toHaveLength(35);
    const pose = [...names].map((n, i) => kp(n, i, i));
    const limbs = visibleLimbs(pose, 0.3).map(([a, b]) => `${a.name}-${b.name}`);
    expect(limbs).toHaveLength(35);
    expect(limbs).toEqual(expect.arrayContaining(['left_wrist-left_thumb', 'right_heel-right_foot_index', 'left_eye_outer-left_ear']));
    expect(limbs).not.toContain('nose-left_eye');
  });
  it('smooths small moves and follows big jumps at once', () => {
    const smooth = createSmoother(0.5, 80);
    smooth([[kp('nose', 100, 100)]]);
    expect(smooth([[kp('nose', 110, 100)]])[0]![0]).toMatchObject({ x: 105, y: 100 });
    expect(smooth([[kp('nose', 400, 100)]])[0]![0]).toMatchObject({ x: 400 });
  });
});
