import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POSE_CLIP } from './pose-video';

/**
 * Camera clips with known answers for the coach, composed from the bundled clip (pose_1.mp4, whose person MoveNet
 * finds reliably): a rep is its arm raise played forward then backward; a slouch is its first frame rotated, which
 * tilts the shoulder line. 15 frames a second at 288×288 keep the y4m files small (the fake camera plays them raw).
 */
export const FPS = 15;
export const SIZE = 288;
const dir = join(tmpdir(), 'hearth-coach-clips');

/** Each source frame we use, extracted once: `frame(n)` is pose_1.mp4's frame n, `tilted(n, deg)` it rotated. */
function frames() {
  const src = join(dir, 'src');
  if (!existsSync(join(src, 'f060.png'))) {
    mkdirSync(src, { recursive: true });
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', POSE_CLIP, '-vf', `scale=${SIZE}:${SIZE}`, '-frames:v', '61', join(src, 'f%03d.png')]);
  }
  return src;
}

function frameFile(n: number) {
  // ffmpeg numbers image sequences from 1.
  return join(frames(), `f${String(n + 1).padStart(3, '0')}.png`);
}

function tiltedFile(n: number, degrees: number) {
  const out = join(dir, `tilt${n}-${degrees}.png`);
  if (!existsSync(out)) execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', frameFile(n), '-vf', `rotate=${degrees}*PI/180:fillcolor=black`, out]);
  return out;
}

/** Write a y4m from a list of image files, one per frame (named `name`: a file already written is reused). */
export function render(name: string, files: string[]): string {
  const out = join(dir, `${name}.y4m`);
  if (existsSync(out)) return out;
  const seq = join(dir, `${name}-seq`);
  rmSync(seq, { recursive: true, force: true });
  mkdirSync(seq, { recursive: true });
  files.forEach((f, i) => symlinkSync(f, join(seq, `${String(i).padStart(5, '0')}.png`)));
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-framerate', String(FPS), '-i', join(seq, '%05d.png'), '-pix_fmt', 'yuv420p', out]);
  rmSync(seq, { recursive: true, force: true });
  return out;
}

/** How long a full arm raise holds the arms above the head. */
export const TOP_HOLD_SECONDS = 1.5;
export const still = (file: string, seconds: number) => Array.from({ length: Math.round(seconds * FPS) }, () => file);

/**
 * Arms down for `leadSeconds` (time for calibration and the first frames), then each letter of `pattern`: `F` a full
 * arm raise (5.5 s: up over 2 s to above the head, held there 1.5 s, down over 2 s; the hold lets a loaded machine
 * that analyses only a frame or two a second still see the two frames in a row the counter needs), `H` a half one (the arms stop near shoulder height, about 95°,
 * short of the 135° a rep needs); then arms down for `tailSeconds` (the fake camera loops the file: the tail keeps
 * the count still). The known count is the number of `F`s.
 */
export function armRaiseClip(pattern: string, leadSeconds = 20, tailSeconds = 40): string {
  const up = Array.from({ length: 31 }, (_, i) => frameFile(i * 2)); // frames 0, 2, …, 60 at 15 fps: 2 s
  const full = [...up, ...still(up.at(-1)!, TOP_HOLD_SECONDS), ...up.slice(1, -1).reverse()]; // 83 frames: 0 → 60, held, → 2
  const halfUp = [...up.slice(0, 17), frameFile(33)]; // frames 0 … 32, 33
  const half = [...halfUp, ...halfUp.slice(1, -1).reverse()];
  const moves = [...pattern].map((c) => (c === 'F' ? full : c === 'H' ? half : (() => { throw new Error(`Unknown move "${c}"`); })()));
  return render(`arm-raise-v2-${pattern}-${leadSeconds}-${tailSeconds}`, [...still(frameFile(0), leadSeconds), ...moves.flat(), ...still(frameFile(0), tailSeconds)]);
}

/**
 * pose_1.mp4's first frame (the person standing, facing the camera, arms down) with the bottom third cut off, as a
 * camera too close to see the feet frames it: the knees are at the picture's lower edge, the ankles below it.
 */
export function feetCutClip(seconds = 120): string {
  const cut = join(dir, 'feet-cut-f000.png');
  if (!existsSync(cut)) execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', frameFile(0), '-vf', `crop=${SIZE}:${FEET_CUT_HEIGHT}:0:0`, cut]);
  return render(`feet-cut-${seconds}`, still(cut, seconds));
}
/** The cut picture's height: 65 % of the frame, just under the knees (pose_1.json: knees at 62 %, ankles at 66–75 %). */
export const FEET_CUT_HEIGHT = 188;

/** Each part: seconds upright or seconds with the shoulders tilted by `tilt` degrees. */
export type PosturePart = { upright: number } | { tilt: number; seconds: number };

export function postureClip(parts: PosturePart[]): string {
  const name = `posture-${parts.map((p) => ('upright' in p ? `u${p.upright}` : `t${p.tilt}x${p.seconds}`)).join('-')}`;
  return render(name, parts.flatMap((p) => ('upright' in p ? still(frameFile(0), p.upright) : still(tiltedFile(0, p.tilt), p.seconds))));
}
