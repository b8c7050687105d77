import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const POSE_CLIP = resolve(import.meta.dirname, '../../tests/fixtures/pose/pose_1.mp4');
/** tfjs-models' expected MoveNet Lightning keypoints for each frame of pose_1.mp4 (pixels, 576×576). */
export const POSE_EXPECTED = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../tests/fixtures/pose/pose_1.json'), 'utf8')) as Array<Record<string, { x: number; y: number }>>;

const dir = join(tmpdir(), 'hearth-pose-video');

/** A y4m that Chromium's fake camera can play: the whole clip, or one frame of it (then the camera shows a still). */
export function poseY4m(frame?: number): string {
  mkdirSync(dir, { recursive: true });
  const out = join(dir, frame === undefined ? 'pose_1.y4m' : `pose_1-frame${frame}.y4m`);
  if (!existsSync(out)) {
    const pick = frame === undefined ? [] : ['-vf', `select=eq(n\\,${frame})`, '-frames:v', '1'];
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', POSE_CLIP, ...pick, '-pix_fmt', 'yuv420p', out]);
  }
  return out;
}

/** Launch flags that make `getUserMedia` succeed and show `y4m` as the camera. */
export const fakeCameraArgs = (y4m: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${y4m}`,
];

/** Per-coordinate errors (px) of reported keypoints against one expected frame. */
export function keypointErrors(reported: Array<{ name: string; x: number; y: number }>, expected: Record<string, { x: number; y: number }>): number[] {
  return reported.flatMap((k) => {
    const e = expected[k.name];
    return e ? [Math.abs(k.x - e.x), Math.abs(k.y - e.y)] : [];
  });
}
