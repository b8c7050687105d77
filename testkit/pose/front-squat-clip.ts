import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FPS, render, SIZE } from './coach-clips';
import { squatHandles, squatPose, torsoOf, type Keypoints } from './front-squat';
import { warp, type Box, type Rgb } from './mls-warp';
import { POSE_CLIP, POSE_EXPECTED } from './pose-video';

/**
 * A camera clip of squats seen from the front, made from real footage: pose_1.mp4's first frame (a person standing,
 * facing the camera) warped into each depth of a squat (front-squat.ts), so the person, their clothes, the light and
 * the room are real and only the pose is made. Derived from tfjs-models' Apache-2.0 test clip
 * (tests/fixtures/pose/SOURCE.md); generated at test time, never committed. Bump VERSION when the warp changes.
 */
const VERSION = 1;
const SOURCE_FRAME = 0;
const WIDTH = 576; // pose_1.mp4's size, which pose_1.json's keypoints are in
const dir = join(tmpdir(), `hearth-front-squat-v${VERSION}`);

/** How deep a half squat goes, as a part of a full one: the hips drop 0.3 torso lengths, short of the 0.5 a rep needs. */
export const HALF_DEPTH = 0.4;
/**
 * Seconds going down (and as long coming up), held at the bottom, and standing between squats. The 2 s hold lets a
 * loaded machine that analyses only a frame or two a second still see the two frames in a row the counter needs.
 */
export const SQUAT_TIMING = { down: 1.2, hold: 2, stand: 2 } as const;

export const standingKeypoints = (): Keypoints => POSE_EXPECTED[SOURCE_FRAME]!;

function sourceFrame(): Rgb {
  const data = execFileSync('ffmpeg', ['-loglevel', 'error', '-i', POSE_CLIP, '-vf', `select=eq(n\\,${SOURCE_FRAME})`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 24 });
  if (data.length !== WIDTH * WIDTH * 3) throw new Error(`Expected a ${WIDTH}×${WIDTH} frame, got ${data.length} bytes`);
  return { width: WIDTH, height: WIDTH, data: new Uint8Array(data) };
}

/** The part of the picture the person moves in: around them, with room above the head and below the feet. */
function boxAround(k: Keypoints): Box {
  const t = torsoOf(k);
  const xs = Object.values(k).map((p) => p.x);
  const ys = Object.values(k).map((p) => p.y);
  const clamp = (v: number) => Math.round(Math.min(Math.max(v, 0), WIDTH - 1));
  return { x0: clamp(Math.min(...xs) - t), x1: clamp(Math.max(...xs) + t), y0: clamp(Math.min(...ys) - t), y1: clamp(Math.max(...ys) + 0.6 * t) };
}

/** The depth of the squat in each frame: standing for `leadSeconds`, then each letter (`F` full, `H` half), then standing. */
export function squatDepths(pattern: string, leadSeconds: number, tailSeconds: number): number[] {
  const n = (s: number) => Math.round(s * FPS);
  const ease = (i: number, of: number) => (1 - Math.cos((Math.PI * i) / of)) / 2; // slow at the ends, as a body moves
  const squat = (depth: number) => {
    const down = Array.from({ length: n(SQUAT_TIMING.down) }, (_, i) => depth * ease(i + 1, n(SQUAT_TIMING.down)));
    return [...down, ...Array<number>(n(SQUAT_TIMING.hold)).fill(depth), ...down.slice(0, -1).reverse(), ...Array<number>(n(SQUAT_TIMING.stand)).fill(0)];
  };
  const moves = [...pattern].map((c) => (c === 'F' ? squat(1) : c === 'H' ? squat(HALF_DEPTH) : (() => { throw new Error(`Unknown move "${c}"`); })()));
  return [...Array<number>(n(leadSeconds)).fill(0), ...moves.flat(), ...Array<number>(n(tailSeconds)).fill(0)];
}

/** The picture at one depth as a PNG (288×288, as the other coach clips), made once. */
function pictureAt(depth: number, source: () => Rgb): string {
  const file = join(dir, `depth-${depth.toFixed(3)}.png`);
  if (existsSync(file)) return file;
  const k = standingKeypoints();
  const src = source();
  const box = boxAround(k);
  const image = depth === 0 ? src : warp(src, squatHandles(k, squatPose(k, depth), box), box);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${WIDTH}x${WIDTH}`, '-i', 'pipe:0', '-vf', `scale=${SIZE}:${SIZE}`, file], { input: image.data });
  return file;
}

/** The clip as a y4m the fake camera plays (`pattern` e.g. 'FHFHF': its count is the number of `F`s). */
export function frontSquatClip(pattern: string, leadSeconds = 20, tailSeconds = 40): string {
  mkdirSync(dir, { recursive: true });
  let src: Rgb | undefined;
  const source = () => (src ??= sourceFrame());
  const depths = squatDepths(pattern, leadSeconds, tailSeconds).map((d) => Math.round(d * 1000) / 1000);
  const files = new Map<number, string>();
  for (const d of new Set(depths)) files.set(d, pictureAt(d, source));
  return render(`front-squat-v${VERSION}-${pattern}-${leadSeconds}-${tailSeconds}`, depths.map((d) => files.get(d)!));
}
