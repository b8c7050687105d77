import type { ModelSpec } from '../messaging/protocol';

// Chrome's built-in model (Gemini Nano) through the Prompt API (`LanguageModel`), as published in its IDL
// (webmachinelearning.github.io/prompt-api) and Chrome's documentation. Only the parts Hearth uses are typed here,
// so a fake written from the same IDL (testkit/fakes/fake-built-in-ai.ts) can stand in for it. Pure: the global
// `LanguageModel` comes in as a parameter.

/** What `availability()` answers, for the options it is given (the same options `create()` will get). */
export type BuiltinAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface BuiltinMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** An assistant message the model continues (the Prompt API's `prefix`). */
  prefix?: boolean;
}

/** `CreateMonitor`: `downloadprogress` events carry `loaded`, a fraction from 0 to 1. */
export interface CreateMonitorLike {
  addEventListener(type: 'downloadprogress', listener: (event: { loaded: number; total?: number }) => void): void;
}

export interface LanguageModelCoreOptions {
  expectedInputs?: { type: 'text'; languages?: string[] }[];
  expectedOutputs?: { type: 'text'; languages?: string[] }[];
  /** Extension contexts only (deprecated for the web): both or neither. */
  temperature?: number;
  topK?: number;
}

export interface LanguageModelCreateOptions extends LanguageModelCoreOptions {
  signal?: AbortSignal;
  monitor?: (monitor: CreateMonitorLike) => void;
  initialPrompts?: BuiltinMessage[];
}

/** One session: it keeps its own conversation (initial prompts, then every prompt and answer). */
export interface LanguageModelSessionLike {
  promptStreaming(input: string | BuiltinMessage[], options?: { signal?: AbortSignal }): ReadableStream<string>;
  /** Chrome 144+ name; `measureInputUsage` is the older one, kept in extension contexts. */
  measureContextUsage?(input: string | BuiltinMessage[], options?: { signal?: AbortSignal }): Promise<number>;
  measureInputUsage?(input: string | BuiltinMessage[], options?: { signal?: AbortSignal }): Promise<number>;
  readonly contextUsage?: number;
  readonly inputUsage?: number;
  readonly contextWindow?: number;
  readonly inputQuota?: number;
  /** `contextoverflow` (formerly `quotaoverflow`): the oldest turns were dropped to make room. */
  addEventListener(type: 'contextoverflow' | 'quotaoverflow', listener: () => void): void;
  removeEventListener(type: 'contextoverflow' | 'quotaoverflow', listener: () => void): void;
  destroy(): void;
}

export interface LanguageModelParamsLike {
  defaultTopK: number;
  maxTopK: number;
  defaultTemperature: number;
  maxTemperature: number;
}

/** The static side of `LanguageModel`. */
export interface LanguageModelApi {
  availability(options?: LanguageModelCoreOptions): Promise<BuiltinAvailability>;
  create(options?: LanguageModelCreateOptions): Promise<LanguageModelSessionLike>;
  /** Extension contexts only. */
  params?(): Promise<LanguageModelParamsLike | null>;
}

/**
 * The options every availability() and create() call uses: Chrome answers availability for exactly these, so asking
 * with other options than the session is created with would report the wrong state. Text in and out, in the
 * languages Chrome documents for its model (English, Spanish, Japanese from Chrome 140).
 */
export const BUILTIN_LANGUAGES = ['en', 'es', 'ja'];
export const BUILTIN_SESSION_OPTIONS: Readonly<LanguageModelCoreOptions> = {
  expectedInputs: [{ type: 'text', languages: BUILTIN_LANGUAGES }],
  expectedOutputs: [{ type: 'text', languages: BUILTIN_LANGUAGES }],
};

/** The built-in model as a choice in Models: no file, nothing to download from Hearth. */
export const BUILTIN_MODEL: ModelSpec = Object.freeze({
  id: 'builtin:chrome-prompt-api',
  label: "Chrome's built-in model",
  engine: 'builtin',
  source: 'chrome:language-model',
  // Chrome reports the real window once a session exists (contextWindow); this is the floor budgets start from.
  contextTokens: 4096,
});

export const BUILTIN_DESCRIPTION = "Chrome's built-in model · no download · runs on this device";

/** Why it cannot be used, in words a user can act on; null when it can (available) or can be downloaded. */
export function whyBuiltinUnusable(state: BuiltinAvailability | 'absent'): string | null {
  if (state === 'absent') {
    return "This browser has no built-in model (Chrome's Prompt API: Chrome 138 or later on Windows, macOS, Linux or a Chromebook Plus). Hearth's own models work here.";
  }
  if (state === 'unavailable') {
    return (
      'Chrome says its built-in model is unavailable here. It needs Google Chrome on a desktop with 22 GB free on the ' +
      "profile's disk and a GPU with more than 4 GB of memory (or 16 GB of RAM and 4 cores); Chromium builds without " +
      "Google's on-device model service always say unavailable. chrome://on-device-internals shows why. Hearth's own " +
      'models work here.'
    );
  }
  return null;
}

/** The sampling a session gets: greedy is topK 1; extensions may set both (never one alone). */
export function samplingFor(temperature: number | undefined, params: LanguageModelParamsLike | null): Pick<LanguageModelCoreOptions, 'temperature' | 'topK'> {
  if (!params || temperature === undefined) return {};
  if (temperature <= 0) return { temperature: 0, topK: 1 };
  return { temperature: Math.min(temperature, params.maxTemperature), topK: params.defaultTopK };
}

/** Chrome's name for a prompt that does not fit the session's context (a DOMException). */
export const isQuotaExceeded = (err: unknown) => (err as Error)?.name === 'QuotaExceededError';
export const isAbortError = (err: unknown) => (err as Error)?.name === 'AbortError';

/** Chrome's Summarizer (Writing Assistance APIs), as its IDL gives it; only what Hearth uses. */
export interface SummarizerCoreOptions {
  type?: 'key-points' | 'tldr' | 'teaser' | 'headline';
  format?: 'markdown' | 'plain-text';
  length?: 'short' | 'medium' | 'long';
  expectedInputLanguages?: string[];
  outputLanguage?: string;
}

export interface SummarizerLike {
  summarizeStreaming(input: string, options?: { context?: string; signal?: AbortSignal }): ReadableStream<string>;
  measureInputUsage(input: string, options?: { context?: string; signal?: AbortSignal }): Promise<number>;
  readonly inputQuota: number;
  destroy(): void;
}

export interface SummarizerApi {
  availability(options?: SummarizerCoreOptions): Promise<BuiltinAvailability>;
  create(options?: SummarizerCoreOptions & { sharedContext?: string; signal?: AbortSignal; monitor?: (m: CreateMonitorLike) => void }): Promise<SummarizerLike>;
}
