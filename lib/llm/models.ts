import type { BackendChoice, ModelSpec } from '../messaging/protocol';
import { BadRequestError } from '../messaging/errors';
import { pickModelForDevice, type DeviceSpeed } from './speed-estimate';
import { isTrustedModelUrl } from '../messaging/model-url';
import { isWebLlmLibPinned } from './webllm-libs';

const MB = 1024 * 1024;

/**
 * Curated models. WebLLM ids are its prebuilt models (weights from Hugging Face, compiled for WebGPU);
 * GGUF files run in the Wasm llama.cpp engine on any CPU. Sizes are download sizes, memory is what the
 * model needs once loaded (WebLLM's `vram_required_MB` for WebGPU ones).
 */
export const CURATED_MODELS: readonly ModelSpec[] = [
  {
    id: 'webllm:SmolLM2-360M-Instruct-q4f16_1-MLC',
    label: 'SmolLM2 360M (WebGPU, f16)',
    engine: 'webllm',
    source: 'SmolLM2-360M-Instruct-q4f16_1-MLC',
    sizeBytes: 270 * MB,
    memoryMb: 376,
    contextTokens: 4096,
    needsShaderF16: true,
  },
  {
    id: 'webllm:SmolLM2-360M-Instruct-q4f32_1-MLC',
    label: 'SmolLM2 360M (WebGPU)',
    engine: 'webllm',
    source: 'SmolLM2-360M-Instruct-q4f32_1-MLC',
    sizeBytes: 290 * MB,
    memoryMb: 580,
    contextTokens: 4096,
  },
  {
    id: 'webllm:Llama-3.2-1B-Instruct-q4f16_1-MLC',
    label: 'Llama 3.2 1B (WebGPU, f16)',
    engine: 'webllm',
    source: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    sizeBytes: 700 * MB,
    memoryMb: 879,
    contextTokens: 4096,
    needsShaderF16: true,
  },
  {
    id: 'webllm:Llama-3.2-1B-Instruct-q4f32_1-MLC',
    label: 'Llama 3.2 1B (WebGPU)',
    engine: 'webllm',
    source: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
    sizeBytes: 740 * MB,
    memoryMb: 1129,
    contextTokens: 4096,
  },
  {
    id: 'gguf:smollm2-360m-instruct-q8_0',
    label: 'SmolLM2 360M (CPU)',
    engine: 'cpu',
    source:
      'https://huggingface.co/HuggingFaceTB/SmolLM2-360M-Instruct-GGUF/resolve/main/smollm2-360m-instruct-q8_0.gguf',
    sizeBytes: 386 * MB,
    memoryMb: 600,
    contextTokens: 4096,
  },
  {
    // For CPUs too slow for the 360M one (the first-run offer measures: lib/llm/speed-estimate.ts).
    id: 'gguf:smollm2-135m-instruct-q8_0',
    label: 'SmolLM2 135M (CPU)',
    engine: 'cpu',
    source:
      'https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/resolve/main/smollm2-135m-instruct-q8_0.gguf',
    sizeBytes: 145 * MB,
    memoryMb: 250,
    contextTokens: 4096,
  },
  {
    // Gemma 3 270M instruct, Q8_0 (every matrix Q8_0: its 640-wide rows do not fit k-quant blocks), from ggml-org
    // (llama.cpp's own GGUFs, ungated). Gemma's weights come under Google's Gemma Terms of Use
    // (ai.google.dev/gemma/terms) and its Prohibited Use Policy, which bind whoever downloads them; Hearth ships none of
    // them. Size: 291,545,600 bytes as a public catalogue records this file (sha256 0ef57d2c…, the hash a public build
    // recipe pins for this URL); Hearth's sized twin of it (testkit/models: the same tensors, quantization and Gemma 3
    // tokenizer, random weights) is 291,545,120. Not checked against the file itself from here. Memory:
    // scripts/kv-memory.ts on that twin, 439 MiB for the engine at 4,096 positions (f32 KV, one slot).
    id: 'gguf:gemma-3-270m-it-q8_0',
    label: 'Gemma 3 270M (CPU)',
    engine: 'cpu',
    source: 'https://huggingface.co/ggml-org/gemma-3-270m-it-GGUF/resolve/main/gemma-3-270m-it-Q8_0.gguf',
    sizeBytes: 291_545_600,
    memoryMb: 440,
    contextTokens: 4096,
  },
  {
    id: 'gguf:qwen2.5-0.5b-instruct-q4_k_m',
    label: 'Qwen2.5 0.5B (CPU)',
    engine: 'cpu',
    source: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf',
    sizeBytes: 470 * MB,
    memoryMb: 700,
    contextTokens: 4096,
  },
  {
    // Qwen's own GGUF (Qwen/Qwen3-0.6B-GGUF, Q8_0). Size: 639,446,688 bytes as recorded by a public catalogue of that
    // file (Hugging Face lists it as 639 MB); not checked against the file itself from here, so approximate like the
    // others. Its chat template turns thinking off (lib/llm/cpu/tokenizer/chat.ts), and any <think> block that comes
    // anyway is dropped from answers (lib/llm/think-filter.ts).
    id: 'gguf:qwen3-0.6b-q8_0',
    label: 'Qwen3 0.6B (CPU)',
    engine: 'cpu',
    source: 'https://huggingface.co/Qwen/Qwen3-0.6B-GGUF/resolve/main/Qwen3-0.6B-Q8_0.gguf',
    sizeBytes: 639_446_688,
    memoryMb: 900,
    contextTokens: 4096,
  },
  {
    // Gemma 3 1B instruct, Q4_K_M, from ggml-org (llama.cpp's own GGUFs, ungated; `llama-cli -hf ggml-org/gemma-3-1b-it-GGUF`
    // fetches this file). Its 1,152-wide rows fall back from Q4_K/Q6_K to Q5_0/Q8_0, which the engine reads. Gemma
    // Terms of Use as above. Size: 806,057,824 bytes is the sized twin of this file (Q4_K_M's mix, the real tokenizer),
    // matching the "806 MB" Hugging Face lists for it; approximate like the others. Memory: scripts/kv-memory.ts on
    // the twin, 1,251 MiB at 4,096 positions (Q5_0 rows are held as int8, so more than the file).
    id: 'gguf:gemma-3-1b-it-q4_k_m',
    label: 'Gemma 3 1B (CPU)',
    engine: 'cpu',
    source: 'https://huggingface.co/ggml-org/gemma-3-1b-it-GGUF/resolve/main/gemma-3-1b-it-Q4_K_M.gguf',
    sizeBytes: 806_057_824,
    memoryMb: 1260,
    contextTokens: 4096,
  },
  {
    id: 'gguf:llama-3.2-1b-instruct-q4_k_m',
    label: 'Llama 3.2 1B (CPU)',
    engine: 'cpu',
    source:
      'https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf',
    sizeBytes: 808 * MB,
    memoryMb: 1200,
    contextTokens: 4096,
  },
];

/** A WebLLM model whose GPU library this build did not pin never runs (lib/llm/webllm-libs.ts). */
const unpinnedNote = 'Not in this build: its WebGPU library is not pinned by hash, and Hearth runs no unverified code.';

/** Can this device run `model` with the backend the host picked? Returns the reason when it cannot. */
export function whyModelCannotRun(model: ModelSpec, backend: BackendChoice, pinned = isWebLlmLibPinned): string | null {
  // Chrome's built-in model: whether Chrome has it is its availability(), asked where it is shown (BuiltinModelCard).
  if (model.engine === 'cpu' || model.engine === 'builtin') return null;
  // First: without a pin the model runs nowhere, GPU or not (and the host then reports the CPU backend).
  if (!pinned(model.source)) return unpinnedNote;
  if (backend.engine !== 'webllm') return 'Needs a hardware WebGPU adapter, which this device does not have.';
  if (model.needsShaderF16 && !backend.adapter?.shaderF16) return "Needs the GPU feature 'shader-f16'.";
  const { maxBufferSizeMb, maxStorageBindingMb } = backend.adapter ?? {};
  if ((maxBufferSizeMb !== undefined && maxBufferSizeMb < 256) || (maxStorageBindingMb !== undefined && maxStorageBindingMb < 128)) {
    return "This GPU's buffer limits are below what WebLLM needs (256 MB buffers, 128 MB storage bindings).";
  }
  return null;
}

/**
 * The model a first-time user is offered: on a CPU device whose speed was measured, the largest curated model
 * that stays usably fast there; otherwise the first curated one this device runs.
 */
export function pickDefaultModel(
  backend: BackendChoice,
  models: readonly ModelSpec[] = CURATED_MODELS,
  speed?: DeviceSpeed,
  pinned = isWebLlmLibPinned,
): ModelSpec {
  const measuredPick = backend.engine === 'cpu' && speed ? pickModelForDevice(models, speed) : null;
  if (measuredPick) return measuredPick;
  // A GPU model only where its library is pinned; otherwise the CPU fallback.
  const runnable = models.filter((m) => m.engine === backend.engine && whyModelCannotRun(m, backend, pinned) === null);
  const pick = runnable[0] ?? models.find((m) => m.engine === 'cpu');
  if (!pick) throw new Error('The curated model list has no Wasm model.');
  return pick;
}

/**
 * A GGUF model the user adds by URL. Hugging Face "blob" page links are turned into file links, since
 * pasting the page address is the usual mistake.
 */
export function createCustomGgufModel(input: string, label?: string): ModelSpec {
  const text = input.trim();
  if (!text) throw new BadRequestError('Paste the address of a .gguf file.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BadRequestError(`"${text.slice(0, 80)}" is not a web address. Paste a link to a .gguf file.`);
  }
  if (!isTrustedModelUrl(url.href)) {
    throw new BadRequestError('Hearth downloads models only over https (plain http only from this machine: 127.0.0.1, localhost).');
  }
  if (url.hostname === 'huggingface.co') url.pathname = url.pathname.replace('/blob/', '/resolve/');
  const file = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  if (!/\.gguf$/i.test(file)) {
    throw new BadRequestError(`"${file || url.pathname}" is not a .gguf file. Hearth's CPU engine runs GGUF models.`);
  }
  return {
    id: `url:${url.href}`,
    label: label?.trim() || file.replace(/\.gguf$/i, ''),
    engine: 'cpu',
    source: url.href,
    contextTokens: 2048, // until the file is read (lib/llm/inspect-gguf.ts)
    custom: true,
  };
}
