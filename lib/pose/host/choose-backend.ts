import type { PoseBackendName, PoseBackendReport } from '../../messaging/protocol';
import { POSE_BACKENDS, type DeviceProbe } from '../engine';

export type { DeviceProbe } from '../engine';

/**
 * Pick the fastest backend this device really has: software-emulated GPUs are skipped (on a machine without a GPU
 * MoveNet ran at 0.5 FPS on webgpu and 3.4 on webgl but 27 on wasm), the rest are timed on the real model, a
 * backend that fails moves on to the next. The plain-JS cpu backend is only timed when nothing faster worked.
 */
export async function chooseBackend(
  probe: DeviceProbe,
  time: (backend: PoseBackendName) => Promise<number>,
): Promise<PoseBackendReport> {
  const timingsMs: PoseBackendReport['timingsMs'] = {};
  const skipped: PoseBackendReport['skipped'] = {};
  for (const b of POSE_BACKENDS) {
    const why = b.skip(probe);
    if (why) {
      skipped[b.name] = why;
      continue;
    }
    if (b.lastResort && Object.keys(timingsMs).length > 0) {
      skipped[b.name] = 'slower than any accelerated backend';
      continue;
    }
    try {
      timingsMs[b.name] = await time(b.name);
    } catch (err) {
      skipped[b.name] = `failed: ${(err as Error).message}`;
    }
  }
  const ranked = (Object.entries(timingsMs) as [PoseBackendName, number][]).sort((a, b) => a[1] - b[1]);
  if (ranked.length === 0) throw new Error(`No TF.js backend works here (${Object.entries(skipped).map(([k, v]) => `${k}: ${v}`).join('; ')}).`);
  const [best] = ranked[0]!;
  const timed = ranked.map(([k, v]) => `${k} (${v.toFixed(0)} ms)`).join(', ');
  const skips = Object.entries(skipped).map(([k, v]) => `${k} skipped: ${v}`).join('; ');
  return { backend: best, timingsMs, skipped, reason: `fastest of ${timed}${skips ? `; ${skips}` : ''}` };
}

/** A user's choice, or a failed remembered one, still falls back down the list. */
export async function startWithFallback(
  order: PoseBackendName[],
  start: (backend: PoseBackendName) => Promise<void>,
): Promise<{ backend: PoseBackendName; failed: Partial<Record<PoseBackendName, string>> }> {
  const failed: Partial<Record<PoseBackendName, string>> = {};
  for (const b of order) {
    try {
      await start(b);
      return { backend: b, failed };
    } catch (err) {
      failed[b] = (err as Error).message;
    }
  }
  throw new Error(`No TF.js backend could start (${Object.entries(failed).map(([k, v]) => `${k}: ${v}`).join('; ')}).`);
}
