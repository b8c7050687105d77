import { add, legTo, norm, proportions, rad, scale, sidewaysArm, straightArm, sub, trunk, type Joints3d, type Proportions, type Vec3 } from './body3d';

/**
 * Each exercise as 3-D joints at a depth `d` of its movement: 0 is the rest pose, 1 the deepest a full rep goes.
 * A full rep reaches d ≈ 0.85–1, a half rep ≈ 0.5, a shallow one ≈ 0.3 (testkit/pose/view-set.ts picks them).
 */
export type Exercise3d = 'squat' | 'pushup' | 'jumping-jack' | 'arm-raise';

const UP: Vec3 = [0, 1, 0];
const FWD: Vec3 = [0, 0, 1];

/**
 * A squat with the feet planted shoulder-width apart, toes and knees turned out 15°: at d = 1 the thighs reach 85°
 * from vertical (just past parallel), the shins lean 35° and the trunk 45°; the arms rise forward for balance.
 */
function squat(b: Proportions, d: number): Joints3d {
  const thigh = rad(85 * d);
  const shin = rad(35 * d);
  const lean = rad(45 * d);
  const legs = ([1, -1] as const).map((side) => {
    const ankle: Vec3 = [side * 0.095 * b.height, b.ankleY, 0];
    const turn = rad(15);
    const reach = b.shin * Math.sin(shin);
    const knee: Vec3 = [ankle[0] + side * reach * Math.sin(turn), b.ankleY + b.shin * Math.cos(shin), reach * Math.cos(turn)];
    return { ankle, knee };
  });
  const knee = legs[0]!.knee;
  const hipMid: Vec3 = [0, knee[1] + b.thigh * Math.cos(thigh), knee[2] - b.thigh * Math.sin(thigh)];
  const up: Vec3 = [0, Math.cos(lean), Math.sin(lean)];
  const fwd: Vec3 = [0, -Math.sin(lean), Math.cos(lean)];
  const t = trunk(b, hipMid, up, fwd);
  const raise = rad(80 * d);
  const armDir = (side: number): Vec3 => [side * 0.1, -Math.cos(raise), Math.sin(raise)];
  const [le, lw] = straightArm(b, t.joints.left_shoulder, armDir(1));
  const [re, rw] = straightArm(b, t.joints.right_shoulder, armDir(-1));
  return {
    ...t.joints,
    left_elbow: le, left_wrist: lw, right_elbow: re, right_wrist: rw,
    left_knee: legs[0]!.knee, left_ankle: legs[0]!.ankle, right_knee: legs[1]!.knee, right_ankle: legs[1]!.ankle,
  };
}

/** Where the elbow sits given shoulder and wrist: the two-link solution bent toward `pole` (back and out). */
function elbowBetween(b: Proportions, shoulder: Vec3, wrist: Vec3, pole: Vec3): Vec3 {
  const axis = sub(wrist, shoulder);
  const dist = Math.min(Math.hypot(...axis), b.upperArm + b.forearm - 1e-6);
  const along = (b.upperArm ** 2 - b.forearm ** 2 + dist ** 2) / (2 * dist);
  const radius = Math.sqrt(Math.max(0, b.upperArm ** 2 - along ** 2));
  const a = norm(axis);
  const p = norm(sub(pole, scale(a, pole[0] * a[0] + pole[1] * a[1] + pole[2] * a[2])));
  return add(add(shoulder, scale(a, along)), scale(p, radius));
}

/**
 * A push-up: toes on the floor, body straight, hands a little wider than the shoulders and a little toward the feet.
 * The elbow angle goes from 175° (d = 0) to 70° (d = 1); the body pivots on the toes to where the arms reach.
 */
function pushup(b: Proportions, d: number): Joints3d {
  const elbowDeg = 175 - 105 * d;
  const reach = Math.sqrt(b.upperArm ** 2 + b.forearm ** 2 - 2 * b.upperArm * b.forearm * Math.cos(rad(elbowDeg)));
  const toeToShoulder = 0.72 * b.height; // toes (under the ankles) to the shoulders' middle
  const wristY = 0.03 * b.height;
  const topPitch = Math.asin((b.upperArm + b.forearm - 0.01) / toeToShoulder);
  const handZ = toeToShoulder * Math.cos(topPitch) - 0.05 * b.height;
  const hand = (side: number): Vec3 => [side * 0.16 * b.height, wristY, handZ];
  // The pitch at which the left shoulder is `reach` from its hand (bisection: the distance grows with the pitch).
  let lo = 0;
  let hi = topPitch;
  const shoulderAt = (pitch: number): Vec3 => [b.shoulderHalf, wristY + toeToShoulder * Math.sin(pitch), toeToShoulder * Math.cos(pitch)];
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (Math.hypot(...sub(shoulderAt(mid), hand(1))) < reach) lo = mid;
    else hi = mid;
  }
  const pitch = (lo + hi) / 2;
  const along: Vec3 = [0, Math.sin(pitch), Math.cos(pitch)];
  const down: Vec3 = [0, -Math.cos(pitch), Math.sin(pitch)];
  const toes: Vec3 = [0, wristY, 0];
  const hipMid = add(toes, scale(along, toeToShoulder - b.torso));
  const t = trunk(b, hipMid, along, down);
  const elbow = (side: number) => elbowBetween(b, side === 1 ? t.joints.left_shoulder : t.joints.right_shoulder, hand(side), [side * 0.7, 0.2, -0.6]);
  const kneeMid = add(toes, scale(along, 0.27 * b.height));
  const ankleMid = add(toes, scale(along, 0.04 * b.height));
  const wide = (p: Vec3, side: number): Vec3 => [side * 0.05 * b.height, p[1], p[2]];
  return {
    ...t.joints,
    left_elbow: elbow(1), right_elbow: elbow(-1), left_wrist: hand(1), right_wrist: hand(-1),
    left_knee: wide(kneeMid, 1), right_knee: wide(kneeMid, -1), left_ankle: wide(ankleMid, 1), right_ankle: wide(ankleMid, -1),
  };
}

/** Standing with straight legs, the ankles `ankleHalf` from the middle, arms raised sideways by `armDeg`; `lift` hops. */
function standing(b: Proportions, armDeg: number, ankleHalf: number, lift = 0): Joints3d {
  const legLength = b.shin + b.thigh;
  const hipY = b.ankleY + Math.sqrt(legLength ** 2 - (ankleHalf - b.hipHalf) ** 2) + lift;
  const t = trunk(b, [0, hipY, 0], UP, FWD);
  const [le, lw] = straightArm(b, t.joints.left_shoulder, sidewaysArm(UP, [1, 0, 0.05], armDeg));
  const [re, rw] = straightArm(b, t.joints.right_shoulder, sidewaysArm(UP, [-1, 0, 0.05], armDeg));
  const [lk, la] = legTo(t.joints.left_hip, [ankleHalf, b.ankleY + lift, 0]);
  const [rk, ra] = legTo(t.joints.right_hip, [-ankleHalf, b.ankleY + lift, 0]);
  return { ...t.joints, left_elbow: le, left_wrist: lw, right_elbow: re, right_wrist: rw, left_knee: lk, left_ankle: la, right_knee: rk, right_ankle: ra };
}

/** The body's 3-D joints for `exercise` at depth `d`, for a person `height` metres tall. */
export function pose3d(exercise: Exercise3d, d: number, height: number): Joints3d {
  const b = proportions(height);
  if (exercise === 'squat') return squat(b, d);
  if (exercise === 'pushup') return pushup(b, d);
  // A jumping jack: arms from 8° to 170° sideways, feet from hip width to 0.9 m apart (for 1.75 m), a small hop between.
  if (exercise === 'jumping-jack') return standing(b, 8 + 162 * d, (0.06 + 0.2 * d) * b.height, 0.03 * b.height * Math.sin(Math.PI * d));
  return standing(b, 8 + 164 * d, 0.06 * b.height);
}

/** The 3-D angle at `b` between the rays to `a` and `c`, in degrees: the ground truth a rep is judged by. */
export function angle3d(a: Vec3, b: Vec3, c: Vec3): number {
  const u = sub(a, b);
  const v = sub(c, b);
  const cos = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (Math.hypot(...u) * Math.hypot(...v));
  return (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
}
