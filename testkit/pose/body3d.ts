/**
 * A person in 3-D for the coach's view test set: joint positions (metres) of MoveNet's 17 keypoints for each
 * exercise at a given depth of movement. Coordinates: x toward the person's left, y up from the floor, z the way the
 * person faces (for a push-up: the way the head points). Proportions are Drillis and Contini's fractions of height,
 * so a rep's 3-D joint angles are what a real body of that height makes.
 */
export const KEYPOINT_NAMES = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow',
  'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
] as const;
export type KeypointName = (typeof KEYPOINT_NAMES)[number];
export type Vec3 = readonly [number, number, number];
export type Joints3d = Record<KeypointName, Vec3>;

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
export const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
export const norm = (a: Vec3): Vec3 => scale(a, 1 / Math.hypot(...a));
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Segment lengths and widths of a body `height` metres tall. */
export function proportions(height: number) {
  const h = height;
  return {
    height: h,
    ankleY: 0.039 * h,
    shin: 0.246 * h,
    thigh: 0.245 * h,
    torso: 0.29 * h, // hip joints' middle to shoulder joints' middle
    shoulderHalf: 0.1 * h,
    hipHalf: 0.06 * h,
    upperArm: 0.186 * h,
    forearm: 0.146 * h,
  };
}
export type Proportions = ReturnType<typeof proportions>;

/**
 * The trunk, head and shoulders from the hips' middle, the trunk's axis `up` and the facing direction `fwd`
 * (perpendicular to `up`); arms and legs are added by the exercise.
 */
export function trunk(b: Proportions, hipMid: Vec3, up: Vec3, fwd: Vec3) {
  const left = cross(up, fwd);
  const neck = add(hipMid, scale(up, b.torso));
  const at = (u: number, f: number, l: number) => add(neck, add(scale(up, u * b.height), add(scale(fwd, f * b.height), scale(left, l * b.height))));
  return {
    left,
    joints: {
      nose: at(0.11, 0.055, 0),
      left_eye: at(0.125, 0.045, 0.018),
      right_eye: at(0.125, 0.045, -0.018),
      left_ear: at(0.115, 0, 0.045),
      right_ear: at(0.115, 0, -0.045),
      left_shoulder: add(neck, scale(left, b.shoulderHalf)),
      right_shoulder: add(neck, scale(left, -b.shoulderHalf)),
      left_hip: add(hipMid, scale(left, b.hipHalf)),
      right_hip: add(hipMid, scale(left, -b.hipHalf)),
    },
  };
}

/** A straight arm from the shoulder along `dir` (upper arm and forearm in line, elbow barely bent). */
export function straightArm(b: Proportions, shoulder: Vec3, dir: Vec3): [Vec3, Vec3] {
  const elbow = add(shoulder, scale(norm(dir), b.upperArm));
  return [elbow, add(elbow, scale(norm(dir), b.forearm))];
}

/** The direction of an arm raised sideways (in the body's frontal plane) by `deg` from hanging down. */
export const sidewaysArm = (up: Vec3, outward: Vec3, deg: number): Vec3 => add(scale(up, -Math.cos(rad(deg))), scale(outward, Math.sin(rad(deg))));

/** A straight leg from the hip to an ankle on the floor. */
export function legTo(hip: Vec3, ankle: Vec3): [Vec3, Vec3] {
  return [scale(add(hip, ankle), 0.5), ankle];
}

export { rad };
