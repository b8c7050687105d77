import type { GenerateOptions } from '../messaging/protocol';

/**
 * What an answer is generated with when nobody says otherwise: the settings' defaults and every engine's fallback
 * for a request without options. The bounds users may choose within are LIMITS (lib/messaging/protocol-values.ts).
 */
export const GENERATION_DEFAULTS = { temperature: 0.7, maxTokens: 512 } as const;

/**
 * The CPU engine's sampler beyond temperature: llama.cpp's sampling defaults (common/common.h), which wllama applies
 * itself; llama.cpp's penalty default is 1.0 (off), 1.1 was the long-time value.
 */
export const SAMPLER_DEFAULTS = { topK: 40, topP: 0.95, minP: 0.05, repeatPenalty: 1.1, repeatLastN: 64 } as const;

/** A request's temperature and answer length, the defaults where it gives none. */
export const generationOptions = (options: GenerateOptions = {}) => ({
  temperature: options.temperature ?? GENERATION_DEFAULTS.temperature,
  maxTokens: options.maxTokens ?? GENERATION_DEFAULTS.maxTokens,
});
