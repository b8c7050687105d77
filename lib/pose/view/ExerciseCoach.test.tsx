// @vitest-environment happy-dom
/**
 * The exercise coach as the overlay runs it: frames from the view test set, a set closed mid-way (the overlay removed)
 * and carried on when it opens again, its standing pose kept for the camera, all in WXT's fake extension storage.
 */
import { beforeEach, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { allCases, caseName, generate } from '../../../testkit/pose/view-set';
import { createCoachMemory, RESUME_WITHIN_MS } from '../coach/memory';
import type { SessionRecord } from '../coach/session-stats';
import { ExerciseCoach } from './ExerciseCoach';
import { createPoseFeed } from './pose-feed';
import { IMAGE } from '../../../testkit/pose/camera-sim';

const squats = generate(allCases().find((c) => caseName(c) === 'squat 0° below hips 2.5 m')!);
const records: SessionRecord[] = [];
const store = { add: async (r: SessionRecord) => records.push(r) };

/** Open the coach in a fresh "overlay" on `camera`; returns its feed, its root and how to read it. */
async function open(camera = 'cam-a', frameHeight?: number) {
  const root = document.createElement('div');
  document.body.append(root);
  const feed = createPoseFeed();
  const memory = createCoachMemory(fakeBrowser.storage.local);
  await act(async () => render(<ExerciseCoach feed={feed} store={store} memory={memory} cameraId={camera} frameHeight={frameHeight} onError={(m) => { throw new Error(m); }} />, root));
  await act(async () => new Promise((r) => setTimeout(r, 0))); // storage reads settle
  const text = (id: string) => root.querySelector(`[data-testid=${id}]`)?.textContent ?? null;
  return { feed, root, text, close: () => render(null, root) };
}

async function play(feed: ReturnType<typeof createPoseFeed>, frames: typeof squats.frames, base: number) {
  await act(async () => {
    for (const f of frames) feed.emit(f.keypoints, base + f.t);
  });
  await act(async () => new Promise((r) => setTimeout(r, 0))); // storage writes settle
}

beforeEach(() => {
  fakeBrowser.reset();
  records.length = 0;
});

it('carries a set on when the overlay closes mid-set and opens again, and keeps the standing pose per camera', async () => {
  const base = Date.now() - 60_000;
  const half = squats.frames.findIndex((f) => f.t > squats.reps[2]!.end); // after the second full squat
  const first = await open();
  await play(first.feed, squats.frames.slice(0, half), base);
  expect(first.text('coach-count')).toBe('2');
  expect(first.text('coach-view')).toBe('Seen from the front');
  first.close(); // the page removed the overlay: no Finish, no word

  const again = await open();
  expect(again.text('coach-count')).toBe('2');
  expect(again.text('coach-exercise-note')).toBe('Carried on your set: 2 so far');
  await play(again.feed, squats.frames.slice(half), base);
  expect(again.text('coach-count')).toBe('4');
  await act(async () => (again.root.querySelector('button') as HTMLButtonElement).click()); // Finish
  expect(records).toMatchObject([{ exercise: 'squat', reps: 4 }]);
  expect(await createCoachMemory(fakeBrowser.storage.local).liveSet()).toBeNull();
  expect((await createCoachMemory(fakeBrowser.storage.local).calibration('cam-a')).standing?.frontWidth).toBeGreaterThan(0.6);
  expect((await createCoachMemory(fakeBrowser.storage.local).calibration('cam-b')).standing).toBeNull();
});

it('keeps a set left long ago as a finished session and starts afresh', async () => {
  const base = Date.now() - RESUME_WITHIN_MS - 60_000;
  const first = await open();
  await play(first.feed, squats.frames, base);
  first.close();
  const again = await open();
  expect(again.text('coach-count')).toBe('0');
  expect(records).toMatchObject([{ exercise: 'squat', reps: 4 }]);
});

it('shows where it thinks the camera is, keeps it for the camera, and shows it from the start next time', async () => {
  const side = generate(allCases().find((c) => caseName(c) === 'squat 90° below hips 1.5 m')!);
  const first = await open('cam-a', IMAGE.height);
  expect(first.text('coach-lens')).toBeNull();
  await play(first.feed, side.frames, Date.now() - 60_000);
  expect(first.text('coach-lens')).toBe('camera below your shoulders, about 1.5 m away');
  expect((await createCoachMemory(fakeBrowser.storage.local).calibration('cam-a')).standing?.lens?.above).toBeGreaterThan(0.3);
  first.close();
  const again = await open('cam-a', IMAGE.height);
  await play(again.feed, side.frames.slice(0, 1), Date.now());
  expect(again.text('coach-lens')).toBe('camera below your shoulders, about 1.5 m away');
  const other = await open('cam-b', IMAGE.height);
  await play(other.feed, side.frames.slice(0, 1), Date.now());
  expect(other.text('coach-lens')).toBeNull();
});
