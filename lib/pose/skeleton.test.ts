import { describe, expect, it } from 'vitest';
import { createSmoother, EDGES, visibleLimbs } from './skeleton';

const kp = (name: string, x: number, y: number, score = 0.9) => ({ name, x, y, score });

describe('skeleton', () => {
  it('joins the 17 MoveNet keypoints into 16 limbs, dropping limbs with an unsure end', () => {
    expect(EDGES).toHaveLength(16);
    const pose = [kp('left_shoulder', 0, 0), kp('left_elbow', 10, 10), kp('left_wrist', 20, 20, 0.1)];
    expect(visibleLimbs(pose, 0.3).map(([a, b]) => `${a.name}-${b.name}`)).toEqual(['left_shoulder-left_elbow']);
  });
  it('smooths small moves and follows big jumps at once', () => {
    const smooth = createSmoother(0.5, 80);
    smooth([[kp('nose', 100, 100)]]);
    expect(smooth([[kp('nose', 110, 100)]])[0]![0]).toMatchObject({ x: 105, y: 100 });
    expect(smooth([[kp('nose', 400, 100)]])[0]![0]).toMatchObject({ x: 400 });
  });
});
