import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as poseDetection from '@tensorflow-models/pose-detection';
import type { PoseBackendName, PoseKeypoint, PoseModelName } from '../messaging/protocol';
import type { DeviceProbe } from './choose-backend';

// Loaded only when the pose overlay starts (a dynamic import from the offscreen host): TF.js is large.

export type PoseInput = HTMLVideoElement | HTMLCanvasElement | ImageBitmap | ImageData;

export interface PoseDetectorLike {
  estimate(input: PoseInput): Promise<PoseKeypoint[][]>;
  dispose(): void;
}

export async function probeDevice(gpu: { requestAdapter(): Promise<unknown> } | undefined): Promise<DeviceProbe> {
  const adapter = (await gpu?.requestAdapter().catch(() => null)) as { info?: { isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean } | null;
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  return {
    webgpu: { available: !!adapter, fallback: !!(adapter?.info?.isFallbackAdapter ?? adapter?.isFallbackAdapter) },
    webgl: { available: !!gl, renderer: gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : '' },
  };
}

/** Switch TF.js to `name`, or throw: setBackend can resolve false or leave another backend active. */
export async function useBackend(name: PoseBackendName, packagedUrl: (path: string) => string): Promise<void> {
  if (name === 'wasm') {
    setWasmPaths(packagedUrl('/tfjs-wasm/'));
    // Cross-origin isolation makes tfjs-wasm pick its threaded build, whose helper workers load a blob: script
    // that the extension CSP blocks (it hangs). SIMD on one thread is what ran at 27 FPS here.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  if (name === 'webgpu') {
    // Importing a <video> as an external texture fails on some adapters (SwiftShader here); the copy path works on all.
    tf.env().set('WEBGPU_IMPORT_EXTERNAL_TEXTURE', false);
  }
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) throw new Error(`TF.js could not switch to ${name}`);
}

const MODEL_TYPES: Record<PoseModelName, string> = {
  lightning: poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING,
  thunder: poseDetection.movenet.modelType.SINGLEPOSE_THUNDER,
  multipose: poseDetection.movenet.modelType.MULTIPOSE_LIGHTNING,
};

/** MoveNet from the weights packaged under /models (see scripts/pose-assets.mjs). */
export async function createMoveNet(model: PoseModelName, packagedUrl: (path: string) => string): Promise<PoseDetectorLike> {
  const detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
    modelType: MODEL_TYPES[model],
    modelUrl: packagedUrl(`/models/movenet-${model}.json`),
    enableSmoothing: false, // the overlay smooths if the user wants; raw keypoints stay measurable
    enableTracking: model === 'multipose',
  });
  return {
    async estimate(input) {
      const poses = await detector.estimatePoses(input as never, { flipHorizontal: false });
      return poses.map((p) => p.keypoints.map((k) => ({ name: k.name ?? '', x: k.x, y: k.y, score: k.score ?? 0 })));
    },
    dispose: () => detector.dispose(),
  };
}

export const numTensors = () => tf.memory().numTensors;
