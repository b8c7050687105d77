import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as poseDetection from '@tensorflow-models/pose-detection';
import type { PoseBackendName, PoseModelName } from '../../messaging/protocol';
import type { DeviceProbe, PoseDetectorLike, PoseEngine } from '../engine';

// The TF.js PoseEngine. Loaded only when the pose overlay starts (a dynamic import from the offscreen host): TF.js is
// large. It imports only types from the rest of Hearth, so this chunk also runs alone in a plain page (npm run bench).

/** How TF.js sets up each backend: flags before switching, and the package folder its binaries load from. */
export const TF_SETUP: Record<PoseBackendName, { flags?: Record<string, boolean>; binaries?: string }> = {
  // Importing a <video> as an external texture fails on some adapters (SwiftShader here); the copy path works on all.
  webgpu: { flags: { WEBGPU_IMPORT_EXTERNAL_TEXTURE: false } },
  webgl: {},
  // Cross-origin isolation makes tfjs-wasm pick its threaded build, whose helper workers load a blob: script the
  // extension CSP blocks (it hangs). SIMD on one thread is what ran at 27 FPS here.
  wasm: { flags: { WASM_HAS_MULTITHREAD_SUPPORT: false }, binaries: '/tfjs-wasm/' },
  cpu: {},
};

export interface TfPoseEngineDeps {
  gpu: { requestAdapter(): Promise<unknown> } | undefined;
  /** A packaged file's URL (runtime.getURL): weights and wasm ship in the extension. */
  packagedUrl(path: string): string;
  createCanvas?(): HTMLCanvasElement;
}

async function probeDevice(gpu: TfPoseEngineDeps['gpu'], canvas: HTMLCanvasElement): Promise<DeviceProbe> {
  const adapter = (await gpu?.requestAdapter().catch(() => null)) as { info?: { isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean } | null;
  const gl = canvas.getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  return {
    webgpu: { available: !!adapter, fallback: !!(adapter?.info?.isFallbackAdapter ?? adapter?.isFallbackAdapter) },
    webgl: { available: !!gl, renderer: gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : '' },
  };
}

const MODEL_TYPES: Record<PoseModelName, string> = {
  lightning: poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING,
  thunder: poseDetection.movenet.modelType.SINGLEPOSE_THUNDER,
  multipose: poseDetection.movenet.modelType.MULTIPOSE_LIGHTNING,
};

export function createTfPoseEngine(deps: TfPoseEngineDeps): PoseEngine {
  return {
    probeDevice: () => probeDevice(deps.gpu, deps.createCanvas?.() ?? document.createElement('canvas')),
    async useBackend(name) {
      const spec = TF_SETUP[name];
      if (spec.binaries) setWasmPaths(deps.packagedUrl(spec.binaries));
      for (const [flag, value] of Object.entries(spec.flags ?? {})) tf.env().set(flag, value);
      const ok = await tf.setBackend(name);
      await tf.ready();
      // setBackend can resolve false, or leave another backend active.
      if (!ok || tf.getBackend() !== name) throw new Error(`TF.js could not switch to ${name}`);
    },
    async createDetector(model) {
      const detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
        modelType: MODEL_TYPES[model],
        modelUrl: deps.packagedUrl(`/models/movenet-${model}.json`),
        enableSmoothing: false, // the overlay smooths if the user wants; raw keypoints stay measurable
        enableTracking: model === 'multipose',
      });
      const wrapped: PoseDetectorLike = {
        async estimate(input) {
          const poses = await detector.estimatePoses(input as never, { flipHorizontal: false });
          return poses.map((p) => p.keypoints.map((k) => ({ name: k.name ?? '', x: k.x, y: k.y, score: k.score ?? 0 })));
        },
        dispose: () => detector.dispose(),
      };
      return wrapped;
    },
    numTensors: () => tf.memory().numTensors,
  };
}
