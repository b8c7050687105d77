import { describe, expect, it } from 'vitest';
import { CalibrationError, createPostureWatch, samplePosture } from './posture';
import { indexKeypoints } from './angles';
import { figure, jitter, type FigurePose } from '../../../testkit/pose/synthetic-pose';
import { seededRandom } from '../../random/seeded';

const FRAME_MS = 100; // 10 frames a second

/** Feed `seconds` of a pose at 10 frames a second from time `t0`; returns the states and the next time. */
function play(watch: ReturnType<typeof createPostureWatch>, pose: FigurePose, seconds: number, t0: number, random = seededRandom(7)) {
  const states = [];
  let t = t0;
  for (let i = 0; i < seconds * 10; i++, t += FRAME_MS) states.push(watch.update(jitter(figure(pose), 2, random), t));
  return { states, t };
}

function calibrated(holdMs = 5000) {
  const watch = createPostureWatch({ holdMs });
  const { t } = play(watch, { tilt: 2, head: 0.9 }, 1, 0);
  watch.calibrate();
  return { watch, t };
}

const alerts = (states: Array<{ alert: boolean }>) => states.filter((s) => s.alert).length;

describe('posture watch', () => {
  it('measures shoulder tilt and head height', () => {
    const s = samplePosture(indexKeypoints(figure({ tilt: 10, head: 0.8 }), 0.3))!;
    expect(s.tilt).toBeCloseTo(10, 5);
    expect(s.head).toBeCloseTo(0.8, 5);
    expect(samplePosture(indexKeypoints(figure().filter((k) => k.name !== 'left_shoulder'), 0.3))).toBeNull();
  });

  it('needs a calibration, and refuses one without a view of the head and shoulders', () => {
    const watch = createPostureWatch({ holdMs: 1000 });
    expect(watch.update(figure(), 0).status).toBe('uncalibrated');
    const blind = createPostureWatch({ holdMs: 1000 });
    play(blind, { score: 0.1 }, 1, 0);
    expect(() => blind.calibrate()).toThrow(CalibrationError);
  });

  it('alerts once for a sustained slouch (tilted shoulders), after the hold and not before', () => {
    const { watch, t } = calibrated(5000);
    const upright = play(watch, { tilt: 2, head: 0.9 }, 3, t);
    expect(upright.states.every((s) => s.status === 'upright')).toBe(true);
    const slouch = play(watch, { tilt: 16, head: 0.9 }, 12, upright.t);
    expect(alerts(slouch.states)).toBe(1);
    const firstAlert = slouch.states.findIndex((s) => s.alert);
    expect(firstAlert).toBeGreaterThanOrEqual(49);
    expect(firstAlert).toBeLessThanOrEqual(51);
    expect(slouch.states[firstAlert]!.reasons).toEqual(['shoulders tilted']);
  });

  it('alerts for the head sinking forward, and says why', () => {
    const { watch, t } = calibrated(3000);
    const slouch = play(watch, { tilt: 2, head: 0.6 }, 5, t);
    expect(alerts(slouch.states)).toBe(1);
    expect(slouch.states.find((s) => s.alert)!.reasons).toEqual(['head forward']);
  });

  it('does not alert for a brief slouch, nor for several brief ones with upright time between', () => {
    const { watch, t: t0 } = calibrated(5000);
    let t = t0;
    const all = [];
    for (let i = 0; i < 4; i++) {
      const s = play(watch, { tilt: 16 }, 3, t);
      const u = play(watch, { tilt: 2 }, 3, s.t);
      all.push(...s.states, ...u.states);
      t = u.t;
    }
    expect(alerts(all)).toBe(0);
    expect(all.some((s) => s.status === 'slouching')).toBe(true);
  });

  it('does not alert a user who sat up just before the hold ran out', () => {
    const { watch, t } = calibrated(4000);
    const a = play(watch, { tilt: 16 }, 3.5, t);
    const up = play(watch, { tilt: 2 }, 3, a.t);
    expect(up.states.some((s) => s.slouchMs >= 4000)).toBe(true); // the grace kept the slouch open past the hold
    expect(alerts([...a.states, ...up.states])).toBe(0);
  });

  it('keeps one slouch going through a moment upright shorter than the grace, and alerts again only after sitting up', () => {
    const { watch, t } = calibrated(4000);
    const a = play(watch, { tilt: 16 }, 3, t);
    const blip = play(watch, { tilt: 2 }, 0.5, a.t);
    const b = play(watch, { tilt: 16 }, 10, blip.t);
    expect(alerts([...a.states, ...blip.states, ...b.states])).toBe(1);
    const up = play(watch, { tilt: 2 }, 3, b.t);
    expect(up.states.at(-1)!.status).toBe('upright');
    expect(alerts(play(watch, { tilt: 16 }, 5, up.t).states)).toBe(1);
  });

  it('takes a new hold without losing its calibration', () => {
    const { watch, t } = calibrated(60_000);
    watch.setHoldMs(2000);
    const slouch = play(watch, { tilt: 16 }, 3, t);
    expect(slouch.states.findIndex((s) => s.alert)).toBe(20);
  });

  it('judges against the user’s own upright pose, not a level one', () => {
    const watch = createPostureWatch({ holdMs: 1000 });
    const { t } = play(watch, { tilt: -12, head: 0.7 }, 1, 0);
    watch.calibrate();
    expect(alerts(play(watch, { tilt: -12, head: 0.7 }, 5, t).states)).toBe(0);
  });

  it('judges from its first frame with an upright pose kept from an earlier session, and a new calibration replaces it', () => {
    const first = calibrated(2000).watch;
    const kept = first.baseline!;
    const watch = createPostureWatch({ holdMs: 2000 });
    watch.useBaseline(kept);
    const slouch = play(watch, { tilt: 16, head: 0.9 }, 3, 0);
    expect(slouch.states[0]!.status).toBe('slouching');
    expect(alerts(slouch.states)).toBe(1);
    const tilted = play(watch, { tilt: 16, head: 0.9 }, 1, slouch.t);
    watch.calibrate(); // the user sits like this on purpose now: recalibrate
    expect(play(watch, { tilt: 16, head: 0.9 }, 3, tilted.t).states.every((s) => s.status === 'upright')).toBe(true);
  });
});
