import type { PoseKeypoint } from '../messaging/protocol';

/** MoveNet's 17 COCO keypoints, joined into limbs. */
export const EDGES: ReadonlyArray<readonly [string, string]> = [
  ['nose', 'left_eye'], ['nose', 'right_eye'], ['left_eye', 'left_ear'], ['right_eye', 'right_ear'],
  ['left_shoulder', 'right_shoulder'], ['left_shoulder', 'left_elbow'], ['left_elbow', 'left_wrist'],
  ['right_shoulder', 'right_elbow'], ['right_elbow', 'right_wrist'], ['left_shoulder', 'left_hip'],
  ['right_shoulder', 'right_hip'], ['left_hip', 'right_hip'], ['left_hip', 'left_knee'], ['left_knee', 'left_ankle'],
  ['right_hip', 'right_knee'], ['right_knee', 'right_ankle'],
];

const BODY = EDGES.slice(4); // shoulders down: the same names in both models
const side = (s: 'left' | 'right'): Array<readonly [string, string]> => [
  ['nose', `${s}_eye_inner`], [`${s}_eye_inner`, `${s}_eye`], [`${s}_eye`, `${s}_eye_outer`], [`${s}_eye_outer`, `${s}_ear`],
  // The hand: wrist to pinky, index and thumb, and across the knuckles.
  [`${s}_wrist`, `${s}_pinky`], [`${s}_wrist`, `${s}_index`], [`${s}_pinky`, `${s}_index`], [`${s}_wrist`, `${s}_thumb`],
  // The foot: ankle, heel and toes (foot_index).
  [`${s}_ankle`, `${s}_heel`], [`${s}_heel`, `${s}_foot_index`], [`${s}_ankle`, `${s}_foot_index`],
];

/** BlazePose's 33 keypoints: MoveNet's body plus the eyes' corners, the mouth, hands and feet. */
export const BLAZEPOSE_EDGES: ReadonlyArray<readonly [string, string]> = [...side('left'), ...side('right'), ['mouth_left', 'mouth_right'], ...BODY];

/** A pose's limbs: BlazePose's finer face, hands and feet when it has those points, else MoveNet's. */
export const edgesOf = (pose: PoseKeypoint[]) => (pose.some((k) => k.name === 'left_eye_inner') ? BLAZEPOSE_EDGES : EDGES);

/** The limbs whose both ends are confidently seen. */
export function visibleLimbs(pose: PoseKeypoint[], minScore: number): Array<[PoseKeypoint, PoseKeypoint]> {
  const byName = new Map(pose.map((k) => [k.name, k]));
  const limbs: Array<[PoseKeypoint, PoseKeypoint]> = [];
  for (const [a, b] of edgesOf(pose)) {
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
