import { Wllama } from '@wllama/wllama';
import wllamaWasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { registerCommandHandlers, type RuntimeLike } from '@/lib/messaging/commands';
import { createLlmHost } from '@/lib/llm/host/llm-host';
import { handleGeneratePort } from '@/lib/llm/host/generate-port';
import { createJobRegistry } from '@/lib/llm/host/jobs';
import { createGenerationRecords } from '@/lib/llm/host/records';
import { createModelManager } from '@/lib/llm/host/model-manager';
import { chosenModelHandlers } from '@/lib/llm/host/chosen-model';
import { validateHostSettings, validateModelSpec, validatePrimeKey, validatePrimeRequest } from '@/lib/messaging/validate-request';
import { validateCountText } from '@/lib/llm/host/validate-count-text';
import { createSpeedBook } from '@/lib/llm/host/speed-book';
import { runDeviceMeasurement } from '@/lib/llm/host/run-device-measurement';
import MeasureWorker from '@/lib/llm/thread/measure-worker.ts?worker';
import { detectBackend } from '@/lib/llm/host/detect-backend';
import { createGgufCache } from '@/lib/llm/host/gguf-cache';
import { createWllamaEngine, type WllamaLike } from '@/lib/llm/host/wllama-engine';
import { defaultCpuThreads } from '@/lib/llm/cpu/threads';
import { createCpuEngine } from '@/lib/llm/cpu/cpu-engine';
import { createCpuFirstEngine } from '@/lib/llm/cpu/cpu-first-engine';
import { spawnCpuWorker } from '@/lib/llm/cpu/spawn-cpu-worker';
import { createWebLlmEngine, type WebLlmModule } from '@/lib/llm/host/webllm-engine';
import { createBuiltinEngine } from '@/lib/llm/host/builtin-engine';
import { BUILTIN_SESSION_OPTIONS, type LanguageModelApi, type SummarizerApi } from '@/lib/llm/builtin-ai';
import type { VendoredLibs, WebLlmModelRecord } from '@/lib/llm/host/webllm-app-config';
import { createWebLlmLibSource } from '@/lib/llm/host/webllm-lib-source';
import { WEBLLM_LIB_LOCK } from '@/lib/llm/webllm-libs';
import { createChatStore } from '@/lib/chat/chat-store';
import { persistJob } from '@/lib/chat/host/persist-job';
import { createPoseSession } from '@/lib/pose/host/pose-session';
import { handlePosePort } from '@/lib/pose/host/pose-port';
import { createPoseWorkerLink } from '@/lib/pose/host/thread-link';
import { readCameraFrames } from '@/lib/pose/camera-frames';
import PoseWorker from '@/lib/pose/thread/pose-worker.ts?worker';

// The offscreen document is Hearth's model host: it owns the engines and serves every other context.
const runtime = browser.runtime as unknown as RuntimeLike & typeof browser.runtime;
const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
const importWebLlm = () => import('@mlc-ai/web-llm');
// Chrome's Prompt API (Chrome 138+ in extensions); absent in other browsers and in Debian's Chromium.
const languageModel = (globalThis as { LanguageModel?: LanguageModelApi }).LanguageModel;

function createWllama(): WllamaLike {
  // The wasm ships in the package; compat mode (which fetches from a CDN) stays off.
  const wllama = new Wllama({ default: wllamaWasmUrl }, { suppressNativeLog: true, allowOffline: true });
  wllama.setCompat(null);
  return wllama as unknown as WllamaLike;
}


/** Which runtime took the last GGUF model, for diagnostics and tests (extension pages share this storage). */
const noteRuntime = (note: Record<string, unknown>) => {
  console.info('Hearth LLM runtime', note);
  localStorage.setItem('hearth.llmRuntime', JSON.stringify(note));
};

const gguf = createGgufCache({
  root: () => navigator.storage.getDirectory(),
  fetch: (...args) => fetch(...args),
  estimate: () => navigator.storage.estimate(),
});

// WebLLM's model libraries (executable GPU code), each checked against webllm-libs.lock.json before WebLLM runs it;
// read from the package when the build vendored them (HEARTH_VENDOR_WEBLLM=1), else from WebLLM's GitHub address.
const webLlmLibs = createWebLlmLibSource({
  lock: WEBLLM_LIB_LOCK,
  modelList: async () => (await importWebLlm()).prebuiltAppConfig.model_list as unknown as WebLlmModelRecord[],
  vendored: () =>
    fetch(browser.runtime.getURL('/webllm-libs/manifest.json' as '/offscreen.html'))
      .then((r) => (r.ok ? (r.json() as Promise<VendoredLibs>) : null))
      .catch(() => null),
  packagedUrl: (p) => browser.runtime.getURL(p as '/offscreen.html'),
  fetch: (...args) => fetch(...args),
  cache: () => caches.open('hearth-webllm-libs'),
  objectUrl: { create: (blob) => URL.createObjectURL(blob), revoke: (url) => URL.revokeObjectURL(url) },
});

// Real decode speeds and the device measurement, for Models' "about N words/s here" (see lib/llm/host/speed-book.ts).
const speeds = createSpeedBook({
  storage: { get: (k) => localStorage.getItem(k), set: (k, v) => localStorage.setItem(k, v) },
  measureDevice: () => runDeviceMeasurement(() => new MeasureWorker() as never),
});

const host = createLlmHost({
  onGenerated: (model, stats) => speeds.recordRun(model, stats),
  readingRate: (modelId) => speeds.prefillRate(modelId),
  // A prime may load a GGUF model already in the local cache (never a download, never a GPU model's shaders).
  loadsWithoutDownload: async (model) => model.engine === 'cpu' && (await gguf.meta(model.source)) !== null,
  memory: () => {
    (globalThis as { gc?: () => void }).gc?.(); // only where the browser exposes it (benchmarks)
    const m = (performance as Performance & { memory?: { usedJSHeapSize: number; totalJSHeapSize: number } }).memory;
    return m ? { jsHeapUsedBytes: m.usedJSHeapSize, jsHeapTotalBytes: m.totalJSHeapSize } : undefined;
  },
  detectBackend: (preference) => detectBackend(gpu, preference, Object.keys(WEBLLM_LIB_LOCK).length > 0),
  createEngine: (kind) =>
    kind === 'builtin'
      ? createBuiltinEngine({ languageModel, summarizer: (globalThis as { Summarizer?: SummarizerApi }).Summarizer })
      : kind === 'cpu'
      ? // Hearth's own CPU engine for the GGUF models it runs; wllama (llama.cpp) for the rest.
        createCpuFirstEngine({
          cpu: createCpuEngine({
            cache: gguf,
            createWorker: spawnCpuWorker,
            threads: defaultCpuThreads(),
            // Chromium's rounded, capped figure (GB): the KV cache's context and slots are chosen from it.
            deviceMemoryGb: () => (navigator as Navigator & { deviceMemory?: number }).deviceMemory,
            onLoaded: (id, info) => noteRuntime({ id, engine: 'cpu', ...info }),
          }),
          fallback: createWllamaEngine({ createWllama, cache: gguf }),
          cache: gguf,
          onChoice: (id, engine, reason) => engine === 'wllama' && noteRuntime({ id, engine, reason }),
        })
      : createWebLlmEngine({
          gpu,
          importWebLlm: () => importWebLlm() as Promise<unknown> as Promise<WebLlmModule>,
          libs: webLlmLibs,
        }),
});

const models = createModelManager({
  gguf,
  builtinReady: async () => (await languageModel?.availability(BUILTIN_SESSION_OPTIONS)) === 'available',
  preload: (model, onProgress) => host.preload(model, onProgress),
  webllmCache: async () => {
    if ((await host.status()).backend.engine !== 'webllm') return null;
    const webllm = await importWebLlm();
    return {
      has: (id) => webllm.hasModelInCache(id),
      remove: async (id) => (await webllm.deleteModelAllInfoInCache(id), await webLlmLibs.forget(id)),
    };
  },
});

const chats = createChatStore(indexedDB);
const jobs = createJobRegistry({ persist: (job) => persistJob(chats, job) });
const records = createGenerationRecords();

const pose = createPoseSession({
  getUserMedia: (c) => navigator.mediaDevices.getUserMedia(c),
  readFrames: (track) => readCameraFrames(track, 1),
  // The model runs in its own worker (TF.js loads there, only when the overlay starts).
  model: createPoseWorkerLink({
    createWorker: () => new PoseWorker() as never,
    memory: { get: (k) => localStorage.getItem(k), set: (k, v) => localStorage.setItem(k, v) },
    keys: () => Object.keys(localStorage).filter((k) => k.startsWith('hearth:pose-backend:')),
    cores: navigator.hardwareConcurrency,
  }),
});

registerCommandHandlers(
  'host',
  {
    'host.ping': async () => ({ ready: true }),
    'llm.status': () => host.status(),
    'llm.select': ({ model }) => host.select(validateModelSpec(model)),
    'llm.unload': () => host.unload(),
    'llm.countTokens': async ({ text }) => ({ tokens: await host.countTokens(validateCountText(text)) }),
    'llm.prime': async (req) => {
      const { request, key } = validatePrimeRequest(req);
      return host.prime(request, key);
    },
    'llm.primeProgress': async (req) => host.primeProgress(validatePrimeKey(req?.key)),
    'llm.record': async (req) => records.get(req?.id),
    'llm.speeds': (req) => speeds.speeds(req?.measure === true, req?.recheck === true),
    'host.configure': (settings) => host.configure(validateHostSettings(settings)),
    'models.list': ({ models: list }) => models.list(list.map(validateModelSpec)),
    'models.download': ({ model }) => models.download(validateModelSpec(model)),
    'models.cancel': ({ model }) => models.cancel(validateModelSpec(model)),
    'models.delete': ({ model }) => models.remove(validateModelSpec(model)),
    ...chosenModelHandlers(host, models, () => speeds.speeds(false, true)),
    'pose.status': () => pose.status(),
  },
  runtime,
  () => host.noteRefused(),
);

browser.runtime.onConnect.addListener((port) => {
  handleGeneratePort(port as never, host, browser.runtime.id, jobs, records);
  handlePosePort(port as never, pose, browser.runtime.id, () => host.noteRefused());
});
