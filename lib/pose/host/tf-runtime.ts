import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as poseDetection from '@tensorflow-models/pose-detection';
import type { PoseBackendName, PoseModelName } from '../../messaging/protocol';
import type { DeviceProbe, PoseDetectorLike, PoseEngine } from '../engine';
import { POSE_MODEL_FILES } from '../model-files';

// The TF.js PoseEngine. Loaded only when the pose overlay starts (a dynamic import from the offscreen host): TF.js is
// large. It imports only types from the rest of Hearth, so this chunk also runs alone in a plain page (npm run bench).

/** How TF.js sets up each backend: flags before switching, and the package folder its binaries load from. */
export const TF_SETUP: Record<PoseBackendName, { flags?: Record<string, boolean>; binaries?: string }> = {
  // Importing a <video> as an external texture fails on some adapters (SwiftShader here); the copy path works on all.
  webgpu: { flags: { WEBGPU_IMPORT_EXTERNAL_TEXTURE: false } },
  webgl: {},
  // Cross-origin isolation makes tfjs-wasm pick its threaded build, whose helper workers load a blob: script the
  // extension CSP blocks (it hangs). SIMD on one thread is what ran at 27 FPS here. Two threads (threaded build in a
  // plain isolated page's worker) were slower on this shared 2-core machine: median 51–113 ms a frame against 25–42 on
  // one thread (bench/probe/pose-model.ts), as each of the model's ~220 ops waits for a descheduled helper thread.
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

type DetectorSpec = [poseDetection.SupportedModels, Record<string, unknown>];
const file = (url: (p: string) => string, name: string) => url(`/models/${name}.json`);
const { lightning, thunder, multipose, blazepose } = POSE_MODEL_FILES;

/** Each model's detector, loading its packaged weights (lib/pose/model-files.ts). */
const DETECTORS: Record<PoseModelName, (url: (p: string) => string) => DetectorSpec> = {
  lightning: (url) => [poseDetection.SupportedModels.MoveNet, { modelType: poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING, modelUrl: file(url, lightning.model) }],
  thunder: (url) => [poseDetection.SupportedModels.MoveNet, { modelType: poseDetection.movenet.modelType.SINGLEPOSE_THUNDER, modelUrl: file(url, thunder.model) }],
  multipose: (url) => [
    poseDetection.SupportedModels.MoveNet,
    { modelType: poseDetection.movenet.modelType.MULTIPOSE_LIGHTNING, modelUrl: file(url, multipose.model), enableTracking: true },
  ],
  blazepose: (url) => [
    poseDetection.SupportedModels.BlazePose,
    { runtime: 'tfjs', modelType: 'full', detectorModelUrl: file(url, blazepose.detector), landmarkModelUrl: file(url, blazepose.model) },
  ],
};

const isVideo = (input: unknown): input is HTMLVideoElement => typeof HTMLVideoElement !== 'undefined' && input instanceof HTMLVideoElement;

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
      const [kind, config] = DETECTORS[model](deps.packagedUrl);
      // Smoothing off: the overlay smooths if the user wants; raw keypoints stay measurable.
      const detector = await poseDetection.createDetector(kind, { ...config, enableSmoothing: false } as never);
      const wrapped: PoseDetectorLike = {
        async estimate(input) {
          // BlazePose reads a <video>'s size from its width/height attributes (0 unless set), so it would find
          // nobody in a video: it gets the frame's pixels as a tensor instead. MoveNet sizes videos correctly.
          const pixels = kind === poseDetection.SupportedModels.BlazePose && isVideo(input) ? tf.browser.fromPixels(input) : null;
          try {
            const poses = await detector.estimatePoses((pixels ?? input) as never, { flipHorizontal: false });
            return poses.map((p) => p.keypoints.map((k) => ({ name: k.name ?? '', x: k.x, y: k.y, score: k.score ?? 0 })));
          } finally {
            pixels?.dispose();
          }
        },
        dispose: () => detector.dispose(),
      };
      return wrapped;
    },
    numTensors: () => tf.memory().numTensors,
  };
}
