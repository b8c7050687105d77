import type { PoseKeypoint } from '../messaging/protocol';

/** MoveNet's 17 COCO keypoints, joined into limbs. */
export const EDGES: ReadonlyArray<readonly [string, string]> = [
  ['nose', 'left_eye'], ['nose', 'right_eye'], ['left_eye', 'left_ear'], ['right_eye', 'right_ear'],
  ['left_shoulder', 'right_shoulder'], ['left_shoulder', 'left_elbow'], ['left_elbow', 'left_wrist'],
  ['right_shoulder', 'right_elbow'], ['right_elbow', 'right_wrist'], ['left_shoulder', 'left_hip'],
  ['right_shoulder', 'right_hip'], ['left_hip', 'right_hip'], ['left_hip', 'left_knee'], ['left_knee', 'left_ankle'],
  ['right_hip', 'right_knee'], ['right_knee', 'right_ankle'],
];

/** The limbs whose both ends are confidently seen. */
export function visibleLimbs(pose: PoseKeypoint[], minScore: number): Array<[PoseKeypoint, PoseKeypoint]> {
  const byName = new Map(pose.map((k) => [k.name, k]));
  const limbs: Array<[PoseKeypoint, PoseKeypoint]> = [];
  for (const [a, b] of EDGES) {
    const ka = byName.get(a);
    const kb = byName.get(b);
    if (ka && kb && ka.score >= minScore && kb.score >= minScore) limbs.push([ka, kb]);
  }
  return limbs;
}

/**
 * Exponential smoothing of keypoint positions between frames, to calm jitter. `alpha` is the weight of the new
 * frame (1 = no smoothing). A keypoint that moved far (a new person, a jump) is taken as is.
 */
export function createSmoother(alpha = 0.5, jumpPx = 80) {
  let previous: PoseKeypoint[][] = [];
  return (poses: PoseKeypoint[][]): PoseKeypoint[][] => {
    const next = poses.map((pose, p) =>
      pose.map((k, i) => {
        const old = previous[p]?.[i];
        if (!old || old.name !== k.name || Math.hypot(k.x - old.x, k.y - old.y) > jumpPx) return k;
        return { ...k, x: old.x + alpha * (k.x - old.x), y: old.y + alpha * (k.y - old.y) };
      }),
    );
    previous = next;
    return next;
  };
}
