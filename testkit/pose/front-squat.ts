import type { Box, Handle, Point } from './mls-warp';
import { pinEdge } from './mls-warp';

/**
 * A squat seen from the front, as handles that warp a real person standing facing the camera (mls-warp.ts). Designed
 * from how a front view changes as someone squats with the camera a little above the hips: the hips drop most, the
 * thighs point at the camera and shrink to almost nothing, the knees come forward (so lower in the picture) and
 * spread over the toes, the feet stay put, the torso leans toward the camera (so it looks a little shorter), and
 * the head and arms go down with the shoulders.
 */
export type Keypoints = Record<string, Point>;

/** At the bottom of a full squat, in torso lengths (shoulders' middle to hips' middle in the standing picture). */
export const FULL_SQUAT = {
  /** The hips' drop: the coach counts a squat at 0.5 (lib/pose/coach/exercises.ts); a full one drops 0.7–0.9. */
  hipDrop: 0.75,
  /** The knees come toward the camera: lower in the picture, and out over the toes. */
  kneeDrop: 0.33,
  kneeOut: 0.2,
  hipOut: 0.05,
  /** The torso leaning toward the camera looks this much shorter. */
  lean: 0.12,
} as const;

const SIDES = ['left', 'right'] as const;
const HEAD = ['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear'];
const BONES: Array<[string, string]> = [
  ['left_shoulder', 'right_shoulder'],
  ['left_hip', 'right_hip'],
  ...SIDES.flatMap((s): Array<[string, string]> => [
    [`${s}_shoulder`, `${s}_elbow`],
    [`${s}_elbow`, `${s}_wrist`],
    [`${s}_shoulder`, `${s}_hip`],
    [`${s}_hip`, `${s}_knee`],
    [`${s}_knee`, `${s}_ankle`],
  ]),
];

const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
const moved = (p: Point, dx: number, dy: number): Point => ({ x: p.x + dx, y: p.y + dy });

/** The standing person's torso length (pixels). */
export function torsoOf(k: Keypoints): number {
  const s = mid(k.left_shoulder!, k.right_shoulder!);
  const h = mid(k.left_hip!, k.right_hip!);
  return Math.hypot(s.x - h.x, s.y - h.y);
}

/** The keypoints at `depth` of a full squat (0 standing, 1 the bottom; a half squat is about 0.4). */
export function squatPose(k: Keypoints, depth: number): Keypoints {
  const t = torsoOf(k);
  const cx = mid(k.left_hip!, k.right_hip!).x;
  const out = (p: Point) => Math.sign(p.x - cx); // +1 on the picture's side of that joint, away from the middle
  const hipDrop = FULL_SQUAT.hipDrop * t * depth;
  const shoulderDrop = hipDrop + FULL_SQUAT.lean * t * depth;
  const pose: Keypoints = { ...k };
  for (const s of SIDES) {
    const [hip, knee] = [k[`${s}_hip`]!, k[`${s}_knee`]!];
    pose[`${s}_hip`] = moved(hip, out(hip) * FULL_SQUAT.hipOut * t * depth, hipDrop);
    pose[`${s}_knee`] = moved(knee, out(knee) * FULL_SQUAT.kneeOut * t * depth, FULL_SQUAT.kneeDrop * t * depth);
    for (const j of ['shoulder', 'elbow', 'wrist']) pose[`${s}_${j}`] = moved(k[`${s}_${j}`]!, 0, shoulderDrop);
  }
  for (const j of HEAD) pose[j] = moved(k[j]!, 0, shoulderDrop);
  return pose;
}

/**
 * Handles that carry the standing picture `k` to `pose`: points along every bone (so limbs bend only at joints),
 * the head and the top of the hair with the shoulders, the floor under the feet and the edge of `box` pinned.
 */
export function squatHandles(k: Keypoints, pose: Keypoints, box: Box): Handle[] {
  const t = torsoOf(k);
  const handles: Handle[] = [];
  for (const [a, b] of BONES) {
    for (const f of [0, 0.25, 0.5, 0.75, 1]) handles.push({ from: lerp(k[a]!, k[b]!, f), to: lerp(pose[a]!, pose[b]!, f) });
  }
  // The torso's middle line: the body between the sides moves as one.
  const [ks, kh] = [mid(k.left_shoulder!, k.right_shoulder!), mid(k.left_hip!, k.right_hip!)];
  const [ps, ph] = [mid(pose.left_shoulder!, pose.right_shoulder!), mid(pose.left_hip!, pose.right_hip!)];
  for (const f of [0, 0.33, 0.67, 1]) handles.push({ from: lerp(ks, kh, f), to: lerp(ps, ph, f) });
  const shoulderDrop = ps.y - ks.y;
  for (const j of HEAD) handles.push({ from: k[j]!, to: pose[j]! });
  const crown = moved(k.nose!, 0, -0.4 * t);
  handles.push({ from: crown, to: moved(crown, 0, shoulderDrop) });
  for (const s of SIDES) {
    const foot = moved(k[`${s}_ankle`]!, 0, 0.15 * t);
    handles.push({ from: foot, to: foot });
  }
  return [...handles, ...pinEdge(box, 24)];
}
