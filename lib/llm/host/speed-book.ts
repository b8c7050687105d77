import type { GenerateStats, ModelSpeeds } from '../../messaging/protocol';
import type { DeviceSpeed } from '../speed-estimate';

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

/**
 * The host's record of how fast models run here: the device measurement (run once, kept) and the decode speed
 * of each model's latest real answer, so Models can show "about N words/s" before a download and "measured" after.
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
    recordRun(modelId: string, stats: GenerateStats) {
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
      write(speeds);
    },
    /** The speeds known; with `measure`, runs the device measurement once if it never ran (concurrent calls share it). */
    async speeds(measure = false): Promise<ModelSpeeds> {
      const known = readBook();
      if (!measure || known.device || !deps.measureDevice) return known;
      measuring ??= deps.measureDevice().then(
        (device) => (write({ ...readBook(), device }), device),
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
