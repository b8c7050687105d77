import type { NamedKeypoint } from '../../lib/pose/coach/angles';

/**
 * A synthetic person facing the camera, posed by joint angles, for tests with known answers (the counts of a
 * synthetic sequence are known by construction). Camera pixels, y down; shoulders 100 px apart.
 */
export interface FigurePose {
  /** Angle hip–shoulder–wrist side of the body, degrees (0 arms down, 180 straight up). */
  arm?: number;
  /** Elbow angle, degrees (180 straight). */
  elbow?: number;
  /** Knee angle, degrees (180 straight). */
  knee?: number;
  /** Ankles apart, in shoulder widths. */
  feet?: number;
  /** Shoulder line's lean from level, degrees. */
  tilt?: number;
  /** Nose above the shoulder line, in shoulder widths. */
  head?: number;
  score?: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

export function figure({ arm = 10, elbow = 180, knee = 180, feet = 0.7, tilt = 0, head = 0.9, score = 0.9 }: FigurePose = {}): NamedKeypoint[] {
  const cx = 300;
  const sy = 200;
  const half = 50;
  const points: Record<string, [number, number]> = {};
  const t = rad(tilt);
  for (const side of [1, -1]) {
    const name = side === 1 ? 'left' : 'right';
    const shoulder: [number, number] = [cx + side * half * Math.cos(t), sy + side * half * Math.sin(t)];
    const hip: [number, number] = [cx + side * 35, 350];
    // The arm swings out sideways: its direction makes `arm` degrees with the shoulder→hip direction.
    const down = Math.atan2(hip[1] - shoulder[1], hip[0] - shoulder[0]);
    const upper = down - side * rad(arm);
    const elbowP: [number, number] = [shoulder[0] + 60 * Math.cos(upper), shoulder[1] + 60 * Math.sin(upper)];
    const fore = upper + side * rad(180 - elbow);
    const wrist: [number, number] = [elbowP[0] + 55 * Math.cos(fore), elbowP[1] + 55 * Math.sin(fore)];
    // Straight, the leg reaches the ankle's spot 180 px away; bent, the thigh and shin turn by the same amount
    // each way, so the knee angle is `knee`.
    const bend = rad((180 - knee) / 2);
    const dx = (cx + side * feet * half - hip[0]) / 180;
    const dir = Math.atan2(Math.sqrt(1 - dx * dx), dx);
    const kneeP: [number, number] = [hip[0] + 90 * Math.cos(dir + bend), hip[1] + 90 * Math.sin(dir + bend)];
    const ankle: [number, number] = [kneeP[0] + 90 * Math.cos(dir - bend), kneeP[1] + 90 * Math.sin(dir - bend)];
    Object.assign(points, {
      [`${name}_shoulder`]: shoulder,
      [`${name}_hip`]: hip,
      [`${name}_elbow`]: elbowP,
      [`${name}_wrist`]: wrist,
      [`${name}_knee`]: kneeP,
      [`${name}_ankle`]: ankle,
    });
  }
  const midY = (points.left_shoulder![1] + points.right_shoulder![1]) / 2;
  const noseY = midY - head * 2 * half;
  Object.assign(points, {
    nose: [cx, noseY],
    left_eye: [cx + 12, noseY - 10],
    right_eye: [cx - 12, noseY - 10],
    left_ear: [cx + 25, noseY - 5],
    right_ear: [cx - 25, noseY - 5],
  });
  return Object.entries(points).map(([name, [x, y]]) => ({ name, x, y, score }));
}

/** Move every keypoint by up to `px` pixels each way, as a detector's frame-to-frame noise does. */
export function jitter(keypoints: NamedKeypoint[], px: number, random: () => number): NamedKeypoint[] {
  return keypoints.map((k) => ({ ...k, x: k.x + (random() * 2 - 1) * px, y: k.y + (random() * 2 - 1) * px }));
}

/**
 * One movement from each range's first value to its second and back over `frames` frames (a smooth cosine): one rep
 * when the far end reaches the active pose, a half rep when it stops short.
 */
export function swing(ranges: { [K in keyof FigurePose]?: [number, number] }, frames: number, base: FigurePose = {}): FigurePose[] {
  return Array.from({ length: frames }, (_, i) => {
    const f = (1 - Math.cos((2 * Math.PI * i) / frames)) / 2;
    const pose: FigurePose = { ...base };
    for (const [key, [from, to]] of Object.entries(ranges) as Array<[keyof FigurePose, [number, number]]>) pose[key] = from + (to - from) * f;
    return pose;
  });
}

/** `count` frames holding one pose. */
export const hold = (pose: FigurePose, count: number): FigurePose[] => Array.from({ length: count }, () => ({ ...pose }));
