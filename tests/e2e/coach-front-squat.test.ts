import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fakeCameraArgs } from '../../testkit/pose/pose-video';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { framesDrawn, waitForFramesDrawn } from '../../testkit/browser/pose-overlay';
import { coachOverlayOn } from '../../testkit/browser/coach-overlay';
import { frontSquatClip } from '../../testkit/pose/front-squat-clip';

const PATTERN = 'FHFHF'; // full, half, full, half, full squat (testkit/pose/front-squat-clip.ts)
const REPS = 3; // the full ones: half squats must not count

let server: TestServer;
let hearth: Hearth | undefined;
beforeAll(async () => {
  server = await startServer({ '/page.html': fileRoute('<!doctype html><title>Page</title><h1>A page</h1>', 'text/html') });
});
afterEach(async () => {
  await hearth?.close();
  hearth = undefined;
});
afterAll(async () => server?.close());

type Dips = { standing: { hipY: number; torso: number } | null; dips: number[] };

/**
 * Watch what MoveNet sees in the view, frame by frame (the canvas's `hearth-pose-drawn` event carries each drawn
 * frame's keypoints): the standing hips' height and torso from the first frames, then each dip of the hips, as its
 * deepest drop in torso lengths. The dips say which moves of the clip the view has been through, whatever speed
 * this machine runs the model at, and how deep MoveNet found each.
 */
async function watchDips(view: Frame): Promise<void> {
  await view.evaluate(() => {
    type Kp = { name: string; x: number; y: number; score: number };
    const w = window as unknown as { squat: Dips };
    w.squat = { standing: null, dips: [] };
    const first: Array<{ hipY: number; torso: number }> = [];
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    let deepest: number | null = null;
    document.querySelector('canvas')!.addEventListener('hearth-pose-drawn', (e) => {
      const pose = (e as CustomEvent<{ poses: Kp[][] }>).detail.poses[0];
      const at = (n: string) => pose?.find((k) => k.name === n && k.score >= 0.3);
      const [ls, rs, lh, rh] = ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'].map(at);
      if (!ls || !rs || !lh || !rh) return;
      const hipY = (lh.y + rh.y) / 2;
      const torso = Math.hypot((ls.x + rs.x - lh.x - rh.x) / 2, (ls.y + rs.y - lh.y - rh.y) / 2);
      if (!w.squat.standing) {
        first.push({ hipY, torso });
        if (first.length === 9) w.squat.standing = { hipY: median(first.map((f) => f.hipY)), torso: median(first.map((f) => f.torso)) };
        return;
      }
      const drop = (hipY - w.squat.standing.hipY) / w.squat.standing.torso;
      if (deepest === null && drop > 0.15) deepest = drop;
      else if (deepest !== null && drop > deepest) deepest = drop;
      else if (deepest !== null && drop < 0.08) [w.squat.dips, deepest] = [[...w.squat.dips, Math.round(deepest * 100) / 100], null];
    });
  });
}

const dipsSeen = (view: Frame) => view.evaluate(() => (window as unknown as { squat: Dips }).squat);

describe('coach on the pose overlay, squats seen from the front', () => {
  it(`counts the ${REPS} full squats (not the 2 half ones) of a real person facing the camera, and says it sees a front view`, async () => {
    // 20 s standing (calibration; the model is loaded before the clip starts), the squats, then 40 s standing.
    hearth = await launchHearth({ args: fakeCameraArgs(frontSquatClip(PATTERN)) });
    const { view } = await coachOverlayOn(hearth, server.origin);
    await view.getByTestId('coach-mode').selectOption('exercise');
    await view.getByTestId('coach-exercise').selectOption('squat');
    await expect.poll(() => framesDrawn(view), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    await watchDips(view);
    await expect.poll(() => view.getByTestId('coach-phase').getAttribute('data-phase'), { timeout: 20_000 }).toBe('rest');
    const count = async () => Number(await view.getByTestId('coach-count').textContent());
    expect(await count()).toBe(0);
    expect((await dipsSeen(view)).dips).toEqual([]); // still in the clip's standing lead

    // The five moves, as MoveNet saw them: the view has been through the whole set once it has seen five dips.
    const start = Date.now();
    await expect.poll(async () => (await dipsSeen(view)).dips.length, { timeout: 120_000, interval: 250 }).toBeGreaterThanOrEqual(PATTERN.length);
    const { dips, standing } = await dipsSeen(view);
    console.log(`front squats: MoveNet's hips dropped ${JSON.stringify(dips)} torso lengths (standing torso ${standing!.torso.toFixed(1)} px); ${((Date.now() - start) / 1000).toFixed(1)} s, ${await framesDrawn(view)} frames drawn`);
    expect(dips).toHaveLength(PATTERN.length); // no dip beyond the clip's five (its tail stands still)
    // The clip is what it claims to MoveNet: full squats drop the hips past the 0.5 a rep needs, half ones well short.
    [...PATTERN].forEach((move, i) => (move === 'F' ? expect(dips[i]).toBeGreaterThan(0.55) : expect(dips[i]).toBeLessThan(0.4)));

    // Counted once back up (two frames standing): the half squats, between the full ones, added nothing.
    await expect.poll(count, { timeout: 20_000, interval: 250 }).toBe(REPS);
    expect(await view.getByTestId('coach-view').textContent()).toBe('Seen from the front');
    expect(await view.getByTestId('coach-hint').count()).toBe(0); // feet in view: nothing to tell the user
    // The tail stands still: 45 more frames analysed (3 s of the clip or more) add no rep.
    await waitForFramesDrawn(view, (await framesDrawn(view)) + 45, 60_000);
    expect(await count()).toBe(REPS);
  });
});
