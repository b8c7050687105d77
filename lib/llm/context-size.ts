/**
 * How many positions the CPU engine's KV cache holds, and in how many slots, chosen at load from the device's memory
 * rather than a fixed 4,096: a phone-sized device keeps the spec's context in fewer slots, a laptop gets the model's
 * longer trained context for long pages and PDFs.
 */

const GIB = 1024 ** 3;

/**
 * The share of the device's memory the KV cache may take, every slot together. The weights (0.1–0.8 GB for the
 * curated CPU models), the browser and the user's other tabs need the rest.
 */
export const KV_MEMORY_SHARE = 1 / 8;
/** Memory assumed where the browser does not say (navigator.deviceMemory is Chromium-only): a modest laptop. */
export const ASSUMED_DEVICE_GB = 4;
/**
 * The longest context chosen, whatever the memory: this CPU engine reads ~80 prompt tokens a second on two cores,
 * so 16k tokens is already over three minutes of reading; a longer context would only allow longer waits.
 */
export const MAX_CHOSEN_CONTEXT = 16384;

export interface KvCacheInput {
  /** navigator.deviceMemory: GB, rounded down to a power of two, at most 8 in Chromium; undefined when not told. */
  deviceMemoryGb?: number;
  /** The model's trained context (`<arch>.context_length`). */
  trainedContext: number;
  /** KV cache bytes per position, every layer, keys and values (forward.ts: kvBytesPerToken). */
  kvBytesPerToken: number;
  /** Slots wanted (prompts kept at once). */
  slots: number;
  /** What the model's spec asks for: never gone below (budgets made before the load assumed it), unless trained shorter. */
  requested: number;
}

export interface KvCacheChoice {
  nCtx: number;
  slots: number;
  /** Upper bound of the KV cache's memory: slots × nCtx × bytes per token (slots are allocated when first used). */
  bytes: number;
}

export function chooseKvCache(i: KvCacheInput): KvCacheChoice {
  const gb = i.deviceMemoryGb && i.deviceMemoryGb > 0 ? i.deviceMemoryGb : ASSUMED_DEVICE_GB;
  const budget = gb * GIB * KV_MEMORY_SHARE;
  const wanted = Math.max(1, Math.floor(i.slots));
  const floor = Math.max(16, Math.min(i.requested, i.trainedContext));
  const fits = Math.floor(budget / wanted / i.kvBytesPerToken / 1024) * 1024;
  const nCtx = Math.max(floor, Math.min(i.trainedContext, MAX_CHOSEN_CONTEXT, fits));
  // Where even the spec's context does not fit every slot, keep fewer prompts rather than a shorter context.
  const slots = Math.min(wanted, Math.max(1, Math.floor(budget / (nCtx * i.kvBytesPerToken))));
  return { nCtx, slots, bytes: slots * nCtx * i.kvBytesPerToken };
}
