import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CALIBRATION_KEY, createCoachMemory, LIVE_SET_KEY, resumable, RESUME_WITHIN_MS } from './memory';

const standing = { frontWidth: 0.7, limbs: { thigh: 0.84, arm: 1.1 }, lens: { above: 0.45, distance: 3.1 } };

describe('coach memory in extension storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the standing pose (with where the lens is) and the upright pose per camera, across reopening', async () => {
    const memory = createCoachMemory(fakeBrowser.storage.local);
    await memory.saveStanding('cam-a', standing);
    await memory.saveUpright('cam-a', { tilt: 2, head: 0.9 });
    await memory.saveUpright('cam-b', { tilt: -5, head: 0.7 });
    const again = createCoachMemory(fakeBrowser.storage.local);
    expect(await again.calibration('cam-a')).toMatchObject({ standing, upright: { tilt: 2, head: 0.9 } });
    expect(await again.calibration('cam-b')).toMatchObject({ standing: null, upright: { tilt: -5, head: 0.7 } });
    expect(await again.calibration('cam-c')).toEqual({ standing: null, upright: null, usedAt: 0 });
  });

  it('forgets a camera’s pose on recalibration, and keeps only the eight cameras used last', async () => {
    let clock = 0;
    const memory = createCoachMemory(fakeBrowser.storage.local, () => ++clock);
    await memory.saveStanding('cam-a', standing);
    await memory.saveStanding('cam-a', null);
    expect((await memory.calibration('cam-a')).standing).toBeNull();
    for (let i = 0; i < 10; i++) await memory.saveUpright(`cam-${i}`, { tilt: i, head: 1 });
    const stored = (await fakeBrowser.storage.local.get(CALIBRATION_KEY))[CALIBRATION_KEY] as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['cam-2', 'cam-3', 'cam-4', 'cam-5', 'cam-6', 'cam-7', 'cam-8', 'cam-9']);
  });

  it('throws out what storage holds that it never wrote', async () => {
    await fakeBrowser.storage.local.set({
      [CALIBRATION_KEY]: {
        'cam-a': { standing: { frontWidth: 'wide', limbs: { thigh: -1, shin: 0.8 }, lens: { above: 9, distance: 3 } }, upright: { tilt: 400, head: 1 } },
        'cam-b': { standing: { frontWidth: 0.7, limbs: {}, lens: { above: -0.2, distance: 'far' } } },
      },
      [LIVE_SET_KEY]: { exercise: 'squat', count: 'many', startedAt: 1, lastAt: 2 },
    });
    const memory = createCoachMemory(fakeBrowser.storage.local);
    expect(await memory.calibration('cam-a')).toEqual({ standing: { frontWidth: null, limbs: { shin: 0.8 }, lens: null }, upright: null, usedAt: 0 });
    expect((await memory.calibration('cam-b')).standing?.lens).toBeNull();
    expect(await memory.liveSet()).toBeNull();
  });

  it('keeps the set in progress until it is finished, and resumes it only soon after', async () => {
    const memory = createCoachMemory(fakeBrowser.storage.local);
    const set = { exercise: 'squat', count: 7, repTimes: [1000, 3000], startedAt: 500, lastAt: 60_000 };
    await memory.saveLiveSet(set);
    expect(await createCoachMemory(fakeBrowser.storage.local).liveSet()).toEqual(set);
    expect(resumable(set, 60_000 + RESUME_WITHIN_MS - 1)).toBe(true);
    expect(resumable(set, 60_000 + RESUME_WITHIN_MS)).toBe(false);
    expect(resumable(set, 59_000)).toBe(true); // the camera's clock a second ahead of the view's
    expect(resumable(set, -10_000)).toBe(false);
    await memory.clearLiveSet();
    expect(await memory.liveSet()).toBeNull();
  });
});
