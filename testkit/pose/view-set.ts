import type { NamedKeypoint } from '../../lib/pose/coach/angles';
import { createSeededRandom } from '../../lib/random/seeded';
import { placeCamera, detect } from './camera-sim';
import { pose3d, type Exercise3d } from './exercises3d';
import type { Vec3 } from './body3d';

/**
 * The coach's view test set: each exercise done by a person of realistic proportions, seen by a webcam at 0°, 30°,
 * 60° and 90° around them, a little below and a little above the hips, 1.5, 2.5 and 4 m away, as MoveNet would
 * report it (testkit/pose/camera-sim.ts). Every sequence mixes full reps with half and shallow ones that must not
 * count; all of it comes from one seed per case, so the set is the same on every run.
 */
export const EXERCISES_3D: readonly Exercise3d[] = ['squat', 'pushup', 'jumping-jack', 'arm-raise'];
export const ANGLES = [0, 30, 60, 90] as const;
export const HEIGHTS = [{ name: 'below hips', metres: 0.75 }, { name: 'above hips', metres: 1.15 }] as const;
export const DISTANCES = [1.5, 2.5, 4] as const;
export const FPS = 15;

/** F: a full rep, H: a half rep, S: a shallow one. Four full reps, three that must not count. */
const PATTERN = 'FHFSFHF';
const DEPTH = { F: [0.85, 1], H: [0.45, 0.55], S: [0.25, 0.35] } as const;
/** Seconds one rep takes, and the pause at rest after it. */
const TEMPO: Record<Exercise3d, { rep: number; pause: number }> = {
  squat: { rep: 2.2, pause: 0.6 },
  pushup: { rep: 1.8, pause: 0.5 },
  'jumping-jack': { rep: 0.9, pause: 0.2 },
  'arm-raise': { rep: 2.4, pause: 0.6 },
};

export interface ViewCase {
  exercise: Exercise3d;
  angle: number;
  height: (typeof HEIGHTS)[number];
  distance: number;
  seed: number;
}

export interface Rep {
  kind: 'F' | 'H' | 'S';
  depth: number;
  /** When it starts, reaches its deepest point and is back at rest (ms). */
  start: number;
  deepest: number;
  end: number;
}

export interface ViewSequence {
  frames: Array<{ t: number; keypoints: NamedKeypoint[] }>;
  reps: Rep[];
  /** The person's height (m): varies by case, 1.60–1.90. */
  personHeight: number;
}

export function allCases(): ViewCase[] {
  let seed = 1;
  return EXERCISES_3D.flatMap((exercise) =>
    ANGLES.flatMap((angle) => HEIGHTS.flatMap((height) => DISTANCES.map((distance) => ({ exercise, angle, height, distance, seed: seed++ })))),
  );
}

/** The rep timeline: a still start (2 s), then each rep of `pattern` and its pause, then 1 s still. */
function timeline(exercise: Exercise3d, random: () => number, pattern: string): Rep[] {
  const { rep, pause } = TEMPO[exercise];
  let t = 2000;
  return [...pattern].map((c) => {
    const kind = c as Rep['kind'];
    const [lo, hi] = DEPTH[kind];
    const ms = rep * 1000 * (0.85 + 0.3 * random());
    const r = { kind, depth: lo + (hi - lo) * random(), start: t, deepest: t + ms / 2, end: t + ms };
    t += ms + pause * 1000 * (0.8 + 0.4 * random());
    return r;
  });
}

/** The depth of movement at time `t`: a smooth cosine down and back within each rep, 0 between. */
function depthAt(reps: Rep[], t: number): number {
  const r = reps.find((x) => t >= x.start && t < x.end);
  return r ? (r.depth * (1 - Math.cos((2 * Math.PI * (t - r.start)) / (r.end - r.start)))) / 2 : 0;
}

/** The highest a movement reaches (m): the camera is aimed to keep it in the picture. */
function topOf(exercise: Exercise3d, height: number): number {
  if (exercise === 'pushup') return 0.45 * height;
  if (exercise === 'squat') return 1.02 * height;
  return 1.2 * height; // hands raised above the head
}

export function generate(c: ViewCase, pattern = PATTERN): ViewSequence {
  const random = createSeededRandom(c.seed * 7919).float;
  const personHeight = 1.6 + 0.3 * random();
  const reps = timeline(c.exercise, random, pattern);
  const centre: Vec3 = c.exercise === 'pushup' ? [0, 0, 0.45 * personHeight] : [0, 0, 0];
  const cam = placeCamera(centre, c.angle, c.distance, c.height.metres, topOf(c.exercise, personHeight));
  const endMs = reps.at(-1)!.end + 1000;
  const frames = [];
  for (let t = 0; t <= endMs; t += 1000 / FPS) {
    // A person never stands perfectly still: a little sway (±1 cm).
    const joints = pose3d(c.exercise, depthAt(reps, t), personHeight);
    const sway = 0.01 * Math.sin(t / 700);
    for (const k of Object.keys(joints) as Array<keyof typeof joints>) joints[k] = [joints[k][0] + sway, joints[k][1], joints[k][2]];
    frames.push({ t, keypoints: detect(cam, joints, [1, 0, 0], personHeight, random) });
  }
  return { frames, reps, personHeight };
}

export const caseName = (c: ViewCase) => `${c.exercise} ${c.angle}° ${c.height.name} ${c.distance} m`;
