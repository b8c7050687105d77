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
  /** Every short run's bytes/s, in order (lib/llm/measure-device.ts measureBestOf keeps the fastest). */
  samples?: number[];
  /** 'answers' when the figure comes from real answers here rather than the kernel run (correctedDevice). */
  from?: 'kernel' | 'answers';
}

/**
 * A model is usable for chat and summaries from this decode speed: 10 words a second, faster than reading, and a
 * 600-word article's summary starting within 30 s. Calibrated on one 2-core machine (2026-11-30): Llama-3.2-1B
 * decoded at 11 tokens/s and its first summary word came after 33.5 s; SmolLM2-360M at 27 tokens/s, after 13 s.
 */
export const USABLE_TOKENS_PER_SEC = 14;
/**
 * The share of its best measured speed a model must still be usable at: a recommendation must hold on a typical busy
 * day, not just at a quiet moment. The device figure is the best of several runs (its quiet capability); with another
 * program using about one of two cores, Hearth's threads get about two thirds of the CPU, and a multi-threaded
 * matmul waits for its slowest thread, so decoding keeps a bit over half its speed (bench/device-estimate-load.ts
 * measures it). So a model is recommended when 0.6 × its estimate is usable: 14 / 0.6 ≈ 23 tokens/s (≈ 18 words/s)
 * when quiet. Two cores fully taken by another program (the 4.5–8.5 words/s) is beyond any margin.
 */
export const BUSY_DAY_SHARE = 0.6;
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

/** Does `model` stay usable here on a busy day (BUSY_DAY_SHARE of the estimate at or above `usable`)? */
export function staysUsable(model: ModelSpec, measured: DeviceSpeed, usable = USABLE_TOKENS_PER_SEC, share = BUSY_DAY_SHARE): boolean {
  return (estimateDecodeSpeed(model, measured)?.tokensPerSec ?? 0) * share >= usable;
}

/**
 * The first-run offer on a CPU device: the largest curated CPU model that stays usable here on a busy day, else the
 * smallest (something that runs beats nothing). Null when there is no CPU model to pick.
 */
export function pickModelForDevice(models: readonly ModelSpec[], measured: DeviceSpeed, usable = USABLE_TOKENS_PER_SEC, share = BUSY_DAY_SHARE): ModelSpec | null {
  const cpu = models.filter((m) => m.engine === 'cpu' && !m.custom && weightBytesOf(m) !== null).sort((a, b) => weightBytesOf(b)! - weightBytesOf(a)!);
  return cpu.find((m) => staysUsable(m, measured, usable, share)) ?? cpu.at(-1) ?? null;
}

/** What the speed book knows (lib/messaging/protocol.ts ModelSpeeds), as far as the estimate needs it. */
export interface KnownSpeeds {
  device: DeviceSpeed | null;
  /** Weight bytes a second of recent real CPU answers here (decode tokens/s × the model's weight bytes). */
  answers?: number[];
}

/**
 * The device speed estimates use: the kernel measurement, corrected by real answers once there are some. A real
 * answer's tokens/s × its model's weight bytes is the very quantity the kernel run stands in for, measured on the
 * real thing (attention, sampling, the engine's threads); the best recent one is kept, as with the kernel runs, so
 * one answer written while the CPU was busy does not drag the estimate down. Null when nothing is known.
 */
export function correctedDevice(known: KnownSpeeds): DeviceSpeed | null {
  const answers = (known.answers ?? []).filter((x) => Number.isFinite(x) && x > 0);
  if (answers.length === 0) return known.device;
  return { weightBytesPerSec: Math.max(...answers), threads: known.device?.threads ?? 0, at: known.device?.at ?? 0, from: 'answers' };
}

/** "about 12 words/s on this device" (rounded so that it does not claim precision it does not have). */
export function formatSpeed(wordsPerSec: number, where = 'on this device'): string {
  const rounded = wordsPerSec >= 10 ? Math.round(wordsPerSec) : wordsPerSec >= 1 ? Math.round(wordsPerSec * 2) / 2 : Math.round(wordsPerSec * 10) / 10;
  return `about ${rounded.toLocaleString('en-US')} words/s ${where}`;
}

/** How far the estimate was from a real run: measured / estimated (1 = exact), as MATMUL_SHARE_OF_DECODE was tuned. */
export function compareWithMeasured(estimate: SpeedEstimate, measuredTokensPerSec: number): number {
  return measuredTokensPerSec / estimate.tokensPerSec;
}

/**
 * What Models says about a model's speed here: "about 12 words/s here" before a download (from the device
 * measurement), and "measured: 9 words/s" once it has really run. Null when neither is known.
 */
export function describeModelSpeed(model: ModelSpec, speeds: KnownSpeeds & { measured: Record<string, number> }): string | null {
  const device = correctedDevice(speeds);
  const estimate = device ? estimateDecodeSpeed(model, device) : null;
  const measured = speeds.measured[model.id];
  const parts: string[] = [];
  if (estimate) parts.push(formatSpeed(estimate.wordsPerSec, 'here'));
  if (measured) parts.push(`measured: ${formatSpeed(measured * WORDS_PER_TOKEN, '').replace(/^about /, '').trim()}`);
  return parts.length ? parts.join(' · ') : null;
}
