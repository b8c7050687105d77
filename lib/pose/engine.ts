import type { PoseBackendName, PoseKeypoint, PoseModelName } from '../messaging/protocol';
import { POSE_BACKEND_NAMES } from '../messaging/protocol-values';

// The pose model behind one interface: the session (lib/pose/host/pose-session.ts) never names TF.js, so unit tests
// hand it a fake and another runtime could replace TF.js. Backends are data, not branches: what the device must
// offer for each is here (POSE_BACKENDS), how TF.js sets each up is in lib/pose/host/tf-runtime.ts (TF_SETUP).

export type PoseInput = HTMLVideoElement | HTMLCanvasElement | ImageBitmap | ImageData;

export interface PoseDetectorLike {
  /** Every pose in the picture, keypoints in its pixels. */
  estimate(input: PoseInput): Promise<PoseKeypoint[][]>;
  dispose(): void;
}

/** What the device offers, read before any timing. */
export interface DeviceProbe {
  webgpu: { available: boolean; fallback: boolean };
  webgl: { available: boolean; renderer: string };
}

export interface PoseEngine {
  probeDevice(): Promise<DeviceProbe>;
  /** Switch to `name`, or throw (a backend can fail to start, or silently leave another one active). */
  useBackend(name: PoseBackendName): Promise<void>;
  createDetector(model: PoseModelName): Promise<PoseDetectorLike>;
  /** Tensors held now: flat over time, or there is a leak. */
  numTensors(): number;
}

export interface PoseBackendSpec {
  name: PoseBackendName;
  /** Why this backend is not worth timing here (absent, or a GPU emulated in software), or null. */
  skip(probe: DeviceProbe): string | null;
  /** Timed only when nothing before it worked (plain JavaScript: ~40× slower than wasm). */
  lastResort?: boolean;
}

const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software/i;

// A Record, so a backend added to POSE_BACKEND_NAMES without its rule here does not compile.
const SPECS: Record<PoseBackendName, Omit<PoseBackendSpec, 'name'>> = {
  webgpu: { skip: (p) => (!p.webgpu.available ? 'no WebGPU adapter' : p.webgpu.fallback ? 'software adapter (no GPU)' : null) },
  webgl: { skip: (p) => (!p.webgl.available ? 'no WebGL2' : SOFTWARE_GL.test(p.webgl.renderer) ? `software renderer (${p.webgl.renderer})` : null) },
  wasm: { skip: () => null },
  cpu: { skip: () => null, lastResort: true },
};

/** In order of preference when nothing was timed (e.g. as fallbacks): the order of POSE_BACKEND_NAMES. */
export const POSE_BACKENDS: readonly PoseBackendSpec[] = POSE_BACKEND_NAMES.map((name) => ({ name, ...SPECS[name] }));

export const backendSpec = (name: PoseBackendName): PoseBackendSpec => POSE_BACKENDS.find((b) => b.name === name)!;

/**
 * The order to try backends in when `first` is wanted: then the ones this device really has, then the emulated
 * ones. A user's choice of webgpu that fails on a GPU-less machine thus lands on wasm, not on software WebGL.
 */
export function fallbackOrder(first: PoseBackendName, probe: DeviceProbe): PoseBackendName[] {
  const rest = POSE_BACKENDS.filter((b) => b.name !== first);
  const real = rest.filter((b) => b.skip(probe) === null).map((b) => b.name);
  const emulated = rest.filter((b) => b.skip(probe) !== null).map((b) => b.name);
  return [first, ...real, ...emulated];
}
