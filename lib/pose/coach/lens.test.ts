import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../random/seeded';
import { detect, IMAGE, placeCamera, project } from '../../../testkit/pose/camera-sim';
import { pose3d } from '../../../testkit/pose/exercises3d';
import { indexKeypoints } from './angles';
import { sidesToUse, torsoLength } from './body';
import { armAngleFromElbow, describeLens, learnLens, straightUpReadsAs, readAbove, readDistance, type Lens } from './lens';
import { FRONT_WIDTH } from './measures';

const PERSON = 1.75;
const SHOULDERS = pose3d('arm-raise', 0, PERSON).left_shoulder[1];
const TORSO = 0.29 * PERSON; // testkit/pose/body3d.ts: hips' middle to shoulders' middle

/** The lens as it truly is for a camera `distance` m from the person's middle at `height` m. */
const truth = (height: number, distance: number): Lens => ({ above: (SHOULDERS - height) / distance, distance: distance / TORSO });

/** The lens learned from four seconds of standing still (15 frames a second) seen through a noisy MoveNet-like model. */
function learned(angle: number, height: number, distance: number, seed: number): Lens | null {
  const cam = placeCamera([0, 0, 0], angle, distance, height, 1.2 * PERSON);
  const random = createSeededRandom(seed).float;
  const lens = learnLens();
  for (let i = 0; i < 60; i++) {
    const points = indexKeypoints(detect(cam, pose3d('arm-raise', 0, PERSON), [1, 0, 0], PERSON, random), 0.3);
    const sides = sidesToUse(points);
    const torso = torsoLength(points, sides);
    if (torso === null) continue;
    const distance = readDistance(torso, IMAGE.height)!;
    lens.observe(sides.length === 1 ? readAbove(points, sides[0]!, torso, FRONT_WIDTH, distance) : null, distance);
  }
  return lens.current();
}

describe('learning where the lens is from the standing pose', () => {
  // Heights from a desk webcam well below the hips to one on a shelf above the head; the view test set uses 0.75 and
  // 1.15 m, the others are not in it.
  const heights = [0.5, 0.75, 0.95, 1.15, 1.35, 1.7];
  for (const angle of [60, 75, 90]) {
    for (const distance of [1.5, 2.5]) {
      // Turned 60°, the shoulders' depth apart is less sure (it comes from the gap between them across the picture).
      const within = angle === 60 ? 0.125 : 0.1;
      it(`reads the lens's height within ${within} of the distance, at ${angle}° and ${distance} m`, () => {
        heights.forEach((h, i) => {
          const lens = learned(angle, h, distance, 100 * angle + 10 * distance + i)!;
          expect(lens).not.toBeNull();
          expect(Math.abs(lens.above - truth(h, distance).above), `${h} m`).toBeLessThan(within);
        });
      });
    }
  }

  it('tells a lens below the shoulders from one above them, and near from far', () => {
    expect(learned(90, 0.6, 1.5, 1)!.above).toBeGreaterThan(0.4);
    expect(learned(90, 1.7, 1.5, 2)!.above).toBeLessThan(-0.05);
    // The distance in torso lengths, from a typical webcam's field of view (the test camera's is 55.4°).
    expect(learned(90, 1, 1.5, 3)!.distance).toBeGreaterThan(0.8 * truth(1, 1.5).distance);
    expect(learned(90, 1, 1.5, 3)!.distance).toBeLessThan(1.25 * truth(1, 1.5).distance);
    expect(learned(90, 1, 2.5, 4)!.distance).toBeGreaterThan(1.4 * learned(90, 1, 1.5, 4)!.distance);
  });

  it('reads nothing facing the camera (the shoulders are side by side in depth), and is not sure from a few frames', () => {
    expect(learned(0, 0.75, 1.5, 5)).toBeNull();
    const lens = learnLens();
    for (let i = 0; i < 5; i++) lens.observe(0.4, 3);
    expect(lens.current()).toBeNull();
    lens.adopt({ above: 0.3, distance: 4 });
    expect(lens.current()).toEqual({ above: 0.3, distance: 4 }); // a kept lens until this session's is sure
    lens.forget();
    expect(lens.current()).toBeNull();
  });
});

describe('undoing perspective on a raised arm', () => {
  /** The near elbow's rise above the shoulder in hanging upper-arm lengths, side-on, arm raised by `deg`. */
  const rise = (height: number, distance: number, deg: number) => {
    const cam = placeCamera([0, 0, 0], 90, distance, height, 1.2 * PERSON);
    const y = (d: number, j: 'left_shoulder' | 'left_elbow') => project(cam, pose3d('arm-raise', d, PERSON)[j]).y;
    const d = (deg - 8) / 164; // testkit/pose/exercises3d.ts: arm raises go from 8° to 172°
    return (y(d, 'left_shoulder') - y(d, 'left_elbow')) / (y(0, 'left_elbow') - y(0, 'left_shoulder'));
  };
  const arm = (distance: number) => (0.186 * PERSON) / distance;
  const undo = (h: number, dist: number, deg: number) => (armAngleFromElbow(rise(h, dist, deg), truth(h, dist), arm(dist), 1) * 180) / Math.PI;

  it('reads a level arm pointing at a lens below the hips as level, not raised', () => {
    // Uncorrected, its rise of about 0.8 upper arms reads as 143° (−cos = 0.8).
    expect(rise(0.75, 1.5, 98)).toBeGreaterThan(0.7);
    expect(undo(0.75, 1.5, 98)).toBeGreaterThan(88);
    expect(undo(0.75, 1.5, 98)).toBeLessThan(108);
  });

  it('knows where an arm straight up reads: about 110° close to a lens well below the shoulders, far higher elsewhere', () => {
    const reads = (h: number, dist: number) => (straightUpReadsAs(truth(h, dist), arm(dist), 1) * 180) / Math.PI;
    expect(reads(0.75, 1.5)).toBeGreaterThan(100);
    expect(reads(0.75, 1.5)).toBeLessThan(118);
    expect(Math.abs(reads(0.75, 1.5) - undo(0.75, 1.5, 172))).toBeLessThan(3); // the projected arm agrees
    expect(reads(1.15, 1.5)).toBeGreaterThan(125);
    expect(reads(0.75, 4)).toBeGreaterThan(reads(0.75, 1.5) + 15);
  });

  it('reads raised arms as raised for lenses below and above the hips, near and far', () => {
    for (const h of [0.6, 0.75, 1.15, 1.3]) {
      for (const dist of [1.5, 2.5]) {
        for (const deg of [60, 98]) expect(Math.abs(undo(h, dist, deg) - deg), `${h} m, ${dist} m, ${deg}°`).toBeLessThan(10);
        // Past about 140° the elbow sinks again in the picture (a close lens below the shoulders reads an arm at 150°
        // as 122°), but on its way up to 147° or more (a full raise) an arm passes where it reads highest, above 120° (a level arm reads below 108°, above).
        for (const top of [147, 172]) {
          const read = Array.from({ length: top - 99 }, (_, i) => undo(h, dist, 100 + i));
          expect(Math.max(...read), `${h} m, ${dist} m, up to ${top}°`).toBeGreaterThan(120);
        }
      }
    }
  });
});

it('tells the user where it thinks the camera is, in words and rough metres', () => {
  expect(describeLens(learned(90, 0.75, 1.5, 7)!)).toBe('camera below your shoulders, about 1.5 m away');
  expect(describeLens({ above: -0.2, distance: 8 })).toBe('camera above your shoulders, about 4 m away');
  expect(describeLens({ above: 0.05, distance: 5.2 })).toBe('camera level with your shoulders, about 2.5 m away');
});
