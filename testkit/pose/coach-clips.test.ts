import { readFileSync, statSync } from 'node:fs';
import { expect, it } from 'vitest';
import { armRaiseClip, feetCutClip, postureClip, TOP_HOLD_SECONDS } from './coach-clips';

/** Frames in a y4m: its size over one frame's (header aside), read from the stream header. */
function y4mFrames(file: string) {
  const head = readFileSync(file).subarray(0, 200).toString('latin1');
  const [, w, h] = /W(\d+) H(\d+)/.exec(head)!;
  const frameBytes = (Number(w) * Number(h) * 3) / 2 + 6; // "FRAME\n" then I420
  return Math.round((statSync(file).size - head.indexOf('\n') - 1) / frameBytes);
}

it('composes the arm-raise clip: lead, 60 frames per full rep and 34 per half one, tail, at 15 frames a second', () => {
  expect(y4mFrames(armRaiseClip('FHF', 2, 3))).toBe((2 + 3) * 15 + 2 * (60 + Math.round(TOP_HOLD_SECONDS * 15)) + 34);
  expect(() => armRaiseClip('FX', 1, 1)).toThrow(/Unknown move/);
}, 60_000);

it('composes the posture clip from upright and tilted parts', () => {
  expect(y4mFrames(postureClip([{ upright: 1 }, { tilt: 14, seconds: 2 }]))).toBe(3 * 15);
}, 60_000);

it('cuts the feet off: a still picture 188 px high, the clip as long as asked', () => {
  const file = feetCutClip(2);
  expect(readFileSync(file).subarray(0, 60).toString('latin1')).toMatch(/W288 H188/);
  expect(y4mFrames(file)).toBe(2 * 15);
}, 60_000);
