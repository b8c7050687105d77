import { ModelLibIntegrityError } from '../messaging/errors';
import bundledLock from '../../webllm-libs.lock.json';

/**
 * A WebLLM model library pinned by hash: executable code (a WebGPU .wasm) that WebLLM's catalogue fetches from a
 * moving GitHub branch. `webllm-libs.lock.json` maps each library's URL to the SHA-256 (base64, as in SRI) and size
 * of the reviewed file and the model it serves; `scripts/lock-webllm-libs.mjs` writes it.
 */
export interface PinnedLib {
  model_id: string;
  sha256: string;
  size: number;
}
export type WebLlmLibLock = Record<string, PinnedLib>;

/** The lock this build was made with (HEARTH_WEBLLM_LOCK picks another file at build time: wxt.config.ts). */
export const WEBLLM_LIB_LOCK: WebLlmLibLock = bundledLock as WebLlmLibLock;

/** Does this build pin a library for the WebLLM model `modelId`? Without one the model cannot run here. */
export function isWebLlmLibPinned(modelId: string, lock: WebLlmLibLock = WEBLLM_LIB_LOCK): boolean {
  return Object.values(lock).some((pin) => pin.model_id === modelId);
}

const WAY_ON = 'Choose a CPU (GGUF) model instead.';

/** Why this build will not run a WebLLM model's library, said to the user; the CPU models are the way on. */
export function unpinnedReason(label: string): string {
  return (
    `${label} needs a WebGPU library that this build of Hearth has not pinned by hash, and Hearth runs no ` +
    `unverified code. ${WAY_ON}`
  );
}

/** The pin for `libUrl` serving `modelId`, or a refusal: a library with no entry never runs. */
export function pinFor(lock: WebLlmLibLock, libUrl: string, modelId: string, label: string): PinnedLib {
  const pin = lock[libUrl];
  if (!pin || pin.model_id !== modelId) throw new ModelLibIntegrityError(unpinnedReason(label));
  return pin;
}

/** SHA-256 of `bytes`, base64 (the form SRI and the lock use). */
export async function sha256Base64(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let binary = '';
  for (const b of digest) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Accept `bytes` only if they are exactly the pinned file; otherwise refuse, saying what differed. */
export async function verifyLib(bytes: ArrayBuffer, pin: PinnedLib, libUrl: string, label: string): Promise<void> {
  const file = libUrl.split('/').pop();
  if (bytes.byteLength !== pin.size) {
    throw new ModelLibIntegrityError(
      `${label}'s WebGPU library (${file}) is ${bytes.byteLength} bytes, not the ${pin.size} bytes pinned in this build. ` +
        `Hearth refused to run it. ${WAY_ON}`,
    );
  }
  const actual = await sha256Base64(bytes);
  if (actual !== pin.sha256) {
    throw new ModelLibIntegrityError(
      `${label}'s WebGPU library (${file}) does not match the hash pinned in this build (expected sha256-${pin.sha256}, ` +
        `got sha256-${actual}). Hearth refused to run it. ${WAY_ON}`,
    );
  }
}

/** Lock entries whose URL is no longer the library WebLLM's catalogue names for their model (a WebLLM upgrade). */
export function staleLockEntries(lock: WebLlmLibLock, modelList: readonly { model_id: string; model_lib: string }[]): string[] {
  return Object.entries(lock)
    .filter(([url, pin]) => modelList.find((m) => m.model_id === pin.model_id)?.model_lib !== url)
    .map(([url]) => url);
}
