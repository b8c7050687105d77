import type { ModelSpec } from '../messaging/protocol';
import { WORDS_PER_TOKEN } from '../tokens/estimate';

/**
 * How fast this device can run a model, before it is downloaded.
 *
 * Decoding one token reads every weight once, and on a CPU that read (a one-token matmul) is the cost that
 * grows with the model: so tokens/s ≈ (weight bytes this CPU streams through a matmul per second) / (the model's
 * weight bytes), less what the rest of the forward pass (attention, norms, sampling) takes.
 */
export interface DeviceSpeed {
  /** Weight bytes a one-token Q8_0 matmul streams per second here, from a short kernel run. */
  weightBytesPerSec: number;
  /** Threads the measurement used (the engine runs with the same). */
  threads: number;
  /** When it was measured (epoch ms). */
  at: number;
}

/**
 * A model is usable for chat and summaries from this decode speed: 10 words a second, faster than reading, and a
 * 600-word article's summary starting within 30 s. Calibrated on one 2-core machine (2026-11-30): Llama-3.2-1B
 * decoded at 11 tokens/s and its first summary word came after 33.5 s; SmolLM2-360M at 27 tokens/s, after 13 s.
 */
export const USABLE_TOKENS_PER_SEC = 14;
/** English words per token (lib/tokens/estimate.ts owns it). */
export { WORDS_PER_TOKEN };
/**
 * Decode speed over the speed the measurement predicts from weight bytes alone. Calibrated on 2026-11-30 against real
 * decodes of sized models through the extension (2 cores, measurement 9.8 GB/s): real ÷ predicted was 1.10 for
 * SmolLM2-360M, 0.82 for 135M, 1.21 for Qwen2.5-0.5B and 0.95 for Llama-3.2-1B (attention and the rest of the pass
 * cost about what the measurement's small matrix loses to start-up), so no correction is applied.
 */
export const MATMUL_SHARE_OF_DECODE = 1;

export interface SpeedEstimate {
  tokensPerSec: number;
  wordsPerSec: number;
}

/** Weight bytes of a model: its GGUF size (weights are nearly all of the file). Null when not known. */
export const weightBytesOf = (model: ModelSpec): number | null => (model.sizeBytes && model.sizeBytes > 0 ? model.sizeBytes : null);

/** Decode speed of `model` on the measured device; null for models whose size is not known or not on the CPU. */
export function estimateDecodeSpeed(model: ModelSpec, measured: DeviceSpeed): SpeedEstimate | null {
  const bytes = weightBytesOf(model);
  if (model.engine !== 'cpu' || !bytes || !(measured.weightBytesPerSec > 0)) return null;
  const tokensPerSec = (measured.weightBytesPerSec / bytes) * MATMUL_SHARE_OF_DECODE;
  return { tokensPerSec, wordsPerSec: tokensPerSec * WORDS_PER_TOKEN };
}

/**
 * The first-run offer on a CPU device: the largest curated CPU model whose estimate stays at or above a usable
 * speed, else the smallest (something that runs beats nothing). Null when there is no CPU model to pick.
 */
export function pickModelForDevice(models: readonly ModelSpec[], measured: DeviceSpeed, usable = USABLE_TOKENS_PER_SEC): ModelSpec | null {
  const cpu = models.filter((m) => m.engine === 'cpu' && !m.custom && weightBytesOf(m) !== null).sort((a, b) => weightBytesOf(b)! - weightBytesOf(a)!);
  const fast = cpu.find((m) => (estimateDecodeSpeed(m, measured)?.tokensPerSec ?? 0) >= usable);
  return fast ?? cpu.at(-1) ?? null;
}

/** "about 12 words/s on this device" (rounded so that it does not claim precision it does not have). */
export function formatSpeed(wordsPerSec: number, where = 'on this device'): string {
  const rounded = wordsPerSec >= 10 ? Math.round(wordsPerSec) : wordsPerSec >= 1 ? Math.round(wordsPerSec * 2) / 2 : Math.round(wordsPerSec * 10) / 10;
  return `about ${rounded.toLocaleString('en-US')} words/s ${where}`;
}

/** How far the estimate was from a real run: measured / estimated (1 = exact), to tune MATMUL_SHARE_OF_DECODE. */
export function compareWithMeasured(estimate: SpeedEstimate, measuredTokensPerSec: number): number {
  return measuredTokensPerSec / estimate.tokensPerSec;
}

/**
 * What Models says about a model's speed here: "about 12 words/s here" before a download (from the device
 * measurement), and "measured: 9 words/s" once it has really run. Null when neither is known.
 */
export function describeModelSpeed(model: ModelSpec, speeds: { device: DeviceSpeed | null; measured: Record<string, number> }): string | null {
  const estimate = speeds.device ? estimateDecodeSpeed(model, speeds.device) : null;
  const measured = speeds.measured[model.id];
  const parts: string[] = [];
  if (estimate) parts.push(formatSpeed(estimate.wordsPerSec, 'here'));
  if (measured) parts.push(`measured: ${formatSpeed(measured * WORDS_PER_TOKEN, '').replace(/^about /, '').trim()}`);
  return parts.length ? parts.join(' · ') : null;
}
