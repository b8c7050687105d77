import { median } from './angles';

/**
 * The user's own rest pose, learned as they move: for each quantity (hip height, torso length, a limb's length…) the
 * extreme seen over the last `windowMs` of frames that were not mid-rep. Standing tall is where the hips are highest
 * and the limbs longest, so the extremes of a recent window are the rest pose, whoever the user is, wherever they
 * stand and from whichever side the camera sees them. Frames inside a rep are not kept, so holding the bottom of a
 * squat does not become the new "standing". Each value is first the median of its last 5 readings: one wild
 * keypoint does not move a reference.
 */
export function createReference(windowMs = 8000) {
  const raw = new Map<string, number[]>();
  const kept = new Map<string, Array<{ t: number; v: number }>>();

  return {
    /** A new reading; `keep` when the frame may count as rest (the counter is not mid-rep). */
    observe(name: string, value: number | null, t: number, keep: boolean) {
      if (value === null || !Number.isFinite(value)) return;
      const r = [...(raw.get(name) ?? []).slice(-4), value];
      raw.set(name, r);
      if (!keep || r.length < 3) return;
      const k = (kept.get(name) ?? []).filter((e) => e.t >= t - windowMs);
      k.push({ t, v: median(r) });
      kept.set(name, k);
    },
    max(name: string): number | null {
      const k = kept.get(name);
      return k?.length ? Math.max(...k.map((e) => e.v)) : null;
    },
    min(name: string): number | null {
      const k = kept.get(name);
      return k?.length ? Math.min(...k.map((e) => e.v)) : null;
    },
    reset() {
      raw.clear();
      kept.clear();
    },
  };
}

export type Reference = ReturnType<typeof createReference>;
