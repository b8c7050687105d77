import type { NamedKeypoint } from '../../lib/pose/coach/angles';
import { add, cross, dot, norm, scale, sub, KEYPOINT_NAMES, type Joints3d, type Vec3 } from './body3d';

/**
 * A webcam seeing the 3-D body, and MoveNet's answer: 17 keypoints in pixels with scores. Pinhole camera, 640×480,
 * 70° horizontal field of view (a laptop or monitor webcam). What MoveNet does that matters to a coach is modelled:
 * position noise (about 1.2 % of the person's height in pixels, as MoveNet Lightning's 4.8 px on pose_1.mp4's
 * ~400 px person), lower scores and more noise for joints hidden behind the body, a few low-confidence misses, and
 * very low scores for joints outside the picture.
 */
export const IMAGE = { width: 640, height: 480, hfovDeg: 70 } as const;
const FX = IMAGE.width / 2 / Math.tan((IMAGE.hfovDeg / 2) * (Math.PI / 180));
const VFOV = 2 * Math.atan(IMAGE.height / 2 / FX);

export interface Camera {
  position: Vec3;
  right: Vec3;
  up: Vec3;
  forward: Vec3;
}

/**
 * A camera `distance` metres from `centre` (on the floor), `angleDeg` around the person (0 in front, 90 at the
 * person's left side), lens at `height`. It is aimed the way a user sets it up: the body's middle in the centre of
 * the picture, unless that cuts off the top of the movement (`top`, metres), then tilted up until the top fits,
 * whatever falls off at the bottom (the feet, close up).
 */
export function placeCamera(centre: Vec3, angleDeg: number, distance: number, height: number, top: number): Camera {
  const a = (angleDeg * Math.PI) / 180;
  const position: Vec3 = [centre[0] + distance * Math.sin(a), height, centre[2] + distance * Math.cos(a)];
  const centred = Math.atan2(top / 2 - height, distance);
  const topFits = Math.atan2(top - height, distance) - (VFOV / 2 - 0.04);
  const pitch = Math.max(centred, topFits);
  const flat = norm([centre[0] - position[0], 0, centre[2] - position[2]]);
  const forward = norm(add(scale(flat, Math.cos(pitch)), [0, Math.sin(pitch), 0]));
  const right = norm(cross(forward, [0, 1, 0]));
  return { position, right, up: cross(right, forward), forward };
}

/** Pixel coordinates of a 3-D point (y down), and its depth in front of the camera. */
export function project(cam: Camera, p: Vec3): { x: number; y: number; depth: number } {
  const rel = sub(p, cam.position);
  const depth = dot(rel, cam.forward);
  return { x: IMAGE.width / 2 + (FX * dot(rel, cam.right)) / depth, y: IMAGE.height / 2 - (FX * dot(rel, cam.up)) / depth, depth };
}

/** A standard normal number from two uniform ones (Box–Muller). */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * MoveNet's keypoints for one frame. `left` is the body's left direction: a joint on the side facing away from the
 * camera is hidden behind the body (MoveNet guesses it, less sure and less precise) unless it is above the head.
 */
export function detect(cam: Camera, joints: Joints3d, left: Vec3, personHeightM: number, random: () => number): NamedKeypoint[] {
  const centre = scale(add(joints.left_hip, joints.right_hip), 0.5);
  const personPx = (FX * personHeightM) / project(cam, centre).depth;
  const sigma = 0.012 * personPx;
  const toCamera = norm(sub(cam.position, centre));
  const facing = dot(toCamera, left); // +1: the camera is on the person's left
  const noseY = project(cam, joints.nose).y;
  return KEYPOINT_NAMES.map((name) => {
    const p = project(cam, joints[name]);
    const side = name.startsWith('left_') ? 1 : name.startsWith('right_') ? -1 : 0;
    // Behind the body from this side, unless raised above the head, where it shows against the background.
    const hidden = side !== 0 && side * facing < -0.5 && p.y > noseY;
    let score = hidden ? 0.1 + 0.4 * random() : 0.55 + 0.4 * random();
    if (random() < 0.04) score = 0.05 + 0.2 * random(); // a miss: motion blur, clothing, light
    const outside = p.depth <= 0 || p.x < 0 || p.x > IMAGE.width || p.y < 0 || p.y > IMAGE.height;
    if (outside) score = 0.02 + 0.1 * random();
    const s = hidden ? sigma * 2.5 : sigma;
    const x = Math.min(IMAGE.width, Math.max(0, p.x + s * gaussian(random)));
    const y = Math.min(IMAGE.height, Math.max(0, p.y + s * gaussian(random)));
    return { name, x, y, score };
  });
}
