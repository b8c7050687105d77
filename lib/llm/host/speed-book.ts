import type { GenerateStats, ModelSpec, ModelSpeeds } from '../../messaging/protocol';
import { mergeRecheck } from '../measure-device';
import { weightBytesOf, type DeviceSpeed } from '../speed-estimate';

export interface SpeedBookDeps {
  /** Where speeds are kept between sessions (the offscreen page's localStorage). */
  storage: { get(key: string): string | null; set(key: string, value: string): void };
  /** The device measurement (a short kernel run), where this build has CPU kernels. */
  measureDevice?: () => Promise<DeviceSpeed>;
}

const KEY = 'hearth:speeds';
/** Answers shorter than this say little about decode speed (the first tokens carry start-up costs). */
export const MIN_TOKENS_TO_RECORD = 8;
/** Prompts shorter than this say little about reading speed. */
export const MIN_PROMPT_TO_RECORD = 16;
/** Real answers kept to correct the estimate (the best of them counts, lib/llm/speed-estimate.ts correctedDevice). */
export const ANSWERS_KEPT = 8;

/**
 * The host's record of how fast models run here: the device measurement (run once, kept; re-checked before a
 * download), the decode speed of each model's latest real answer, and the weight bytes a second of the latest CPU
 * answers, so Models can show "about N words/s" before a download and "measured" after, corrected by real answers.
 */
export function createSpeedBook(deps: SpeedBookDeps) {
  let measuring: Promise<DeviceSpeed | null> | null = null;

  function readBook(): ModelSpeeds {
    try {
      const parsed = JSON.parse(deps.storage.get(KEY) ?? 'null') as ModelSpeeds | null;
      if (parsed && typeof parsed === 'object' && parsed.measured && typeof parsed.measured === 'object') return parsed;
    } catch {
      // A damaged record is simply started again.
    }
    return { device: null, measured: {} };
  }
  const write = (speeds: ModelSpeeds) => deps.storage.set(KEY, JSON.stringify(speeds));

  return {
    /** Note a finished answer's decode speed for its model. */
    recordRun(model: ModelSpec, stats: GenerateStats) {
      const modelId = model.id;
      const read = stats.prefillTokensPerSec;
      if (read && Number.isFinite(read) && read > 0 && stats.promptTokens >= MIN_PROMPT_TO_RECORD) {
        const speeds = readBook();
        speeds.prefill = { ...speeds.prefill, [modelId]: Math.round(read * 100) / 100 };
        write(speeds);
      }
      const rate = stats.decodeTokensPerSec;
      if (stats.finishReason === 'aborted' || stats.completionTokens < MIN_TOKENS_TO_RECORD || !rate || !Number.isFinite(rate) || rate <= 0) return;
      const speeds = readBook();
      speeds.measured[modelId] = Math.round(rate * 100) / 100;
      // A CPU model of known size: its real speed in weight bytes a second, the device figure estimates are made from.
      const bytes = model.engine === 'cpu' ? weightBytesOf(model) : null;
      if (bytes) speeds.answers = [...(speeds.answers ?? []), Math.round(rate * bytes)].slice(-ANSWERS_KEPT);
      write(speeds);
    },
    /**
     * The speeds known. With `measure`, runs the device measurement once if it never ran; with `recheck` (before a
     * download), measures again and keeps the stored figure unless the new one is clearly faster (mergeRecheck).
     * Concurrent calls share one measurement.
     */
    async speeds(measure = false, recheck = false): Promise<ModelSpeeds> {
      const known = readBook();
      if (!(measure || recheck) || !deps.measureDevice || (known.device && !recheck)) return known;
      measuring ??= deps.measureDevice().then(
        (fresh) => {
          const stored = readBook().device;
          const device = stored ? mergeRecheck(stored, fresh) : fresh;
          write({ ...readBook(), device });
          return device;
        },
        () => null, // no measurement: Models shows sizes only, the first-run offer stays the default
      ).finally(() => (measuring = null));
      await measuring;
      return readBook();
    },
    /** Prompt tokens a second this model read on its latest answer, if one was recorded. */
    prefillRate(modelId: string): number | undefined {
      return readBook().prefill?.[modelId];
    },
  };
}

export type SpeedBook = ReturnType<typeof createSpeedBook>;
