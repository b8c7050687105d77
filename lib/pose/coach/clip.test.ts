import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import type { NamedKeypoint } from './angles';
import { findExercise } from './exercises';
import { createRepCounter } from './rep-counter';

// The bundled clip (tests/fixtures/pose/pose_1.mp4), as the keypoints MoveNet finds in each of its 120 frames: the
// person raises both arms above the head (frames ~30–70), then brings the hands to the chest, not back to the sides.
const clip = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../tests/fixtures/pose/pose_1.json'), 'utf8')) as Array<Record<string, { x: number; y: number }>>).map(
  (frame): NamedKeypoint[] => Object.entries(frame).map(([name, p]) => ({ name, ...p, score: 0.9 })),
);

const count = (id: string, frames: NamedKeypoint[][]) => {
  const counter = createRepCounter(findExercise(id)!);
  return frames.map((f, i) => counter.update(f, (i * 1000) / 30)).at(-1)!;
};

it('sees the clip’s raise as half a rep: the arms go up but never come back down to the sides', () => {
  const last = count('arm-raise', clip);
  expect(last.count).toBe(0);
  expect(last.phase).toBe('active');
});

it('counts the raise played forward then backward (up and down) once per round, as the end-to-end clip plays it', () => {
  const round = [...clip.slice(0, 61), ...clip.slice(0, 60).reverse()];
  for (const rounds of [1, 3]) expect(count('arm-raise', Array.from({ length: rounds }, () => round).flat()).count).toBe(rounds);
});

it('counts the end-to-end clip’s pattern (full, half, full, half, full) as 3: the half raises stop near 95°', () => {
  const full = [...clip.slice(0, 61), ...clip.slice(0, 60).reverse()];
  const half = [...clip.slice(0, 34), ...clip.slice(0, 33).reverse()];
  const rest = Array.from({ length: 30 }, () => clip[0]!);
  expect(count('arm-raise', [...rest, ...full, ...half, ...full, ...half, ...full, ...rest]).count).toBe(3);
  expect(count('arm-raise', [...rest, ...half, ...half, ...rest]).count).toBe(0);
});

it('counts no squats, push-ups or jumping jacks in it (the legs and elbows stay straight while the arms rise)', () => {
  const round = [...clip.slice(0, 61), ...clip.slice(0, 60).reverse()];
  for (const id of ['squat', 'pushup', 'jumping-jack']) expect(count(id, [...round, ...round]).count).toBe(0);
});
