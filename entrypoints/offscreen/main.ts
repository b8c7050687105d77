import { Wllama } from '@wllama/wllama';
import wllamaWasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { registerCommandHandlers, type RuntimeLike } from '@/lib/messaging/commands';
import { createLlmHost } from '@/lib/host/llm-host';
import { handleGeneratePort } from '@/lib/host/generate-port';
import { detectBackend } from '@/lib/llm/detect-backend';
import { createWasmEngine } from '@/lib/llm/wasm-engine';
import { createWebLlmEngine, type WebLlmModule } from '@/lib/llm/webllm-engine';

// The offscreen document is Hearth's model host: it owns the engines and serves every other context.
const runtime = browser.runtime as unknown as RuntimeLike & typeof browser.runtime;
const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;

function createWllama() {
  // The wasm ships in the package; compat mode (which fetches from a CDN) stays off.
  const wllama = new Wllama({ default: wllamaWasmUrl }, { suppressNativeLog: true, allowOffline: true });
  wllama.setCompat(null);
  return wllama as unknown as ReturnType<Parameters<typeof createWasmEngine>[0]['createWllama']>;
}

const host = createLlmHost({
  detectBackend: () => detectBackend(gpu),
  createEngine: (kind) =>
    kind === 'wasm'
      ? createWasmEngine({ createWllama })
      : createWebLlmEngine({ gpu, importWebLlm: () => import('@mlc-ai/web-llm') as Promise<unknown> as Promise<WebLlmModule> }),
});

registerCommandHandlers(
  'host',
  {
    'host.ping': async () => ({ ready: true }),
    'llm.status': () => host.status(),
    'llm.select': ({ model }) => host.select(model),
    'llm.unload': () => host.unload(),
  },
  runtime,
  () => host.noteRefused(),
);

browser.runtime.onConnect.addListener((port) => handleGeneratePort(port as never, host, browser.runtime.id));
