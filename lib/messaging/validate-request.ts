import type { GenerateRequest, HostSettings, ModelSpec } from './protocol';
import { BadRequestError } from './errors';
import { ENGINE_KINDS, ENGINE_PREFERENCES, LIMITS } from './protocol-values';
import { isTrustedModelUrl } from './model-url';

const MAX_INPUT_CHARS = LIMITS.inputChars;

/** Messages arrive from other contexts as plain JSON: check their shape before the engine sees them. */
export function validateGenerateRequest(value: unknown): GenerateRequest {
  const req = value as Partial<GenerateRequest> | null;
  const input = req?.input as GenerateRequest['input'] | undefined;
  let chars = 0;
  if (input?.kind === 'chat') {
    if (!Array.isArray(input.messages) || input.messages.length === 0) throw new BadRequestError('The chat is empty.');
    for (const m of input.messages) {
      if (!m || typeof m.content !== 'string' || !['system', 'user', 'assistant'].includes(m.role)) {
        throw new BadRequestError('A chat message is malformed.');
      }
      chars += m.content.length;
    }
    const lastUser = [...input.messages].reverse().find((m) => m.role === 'user');
    if (!lastUser?.content.trim()) throw new BadRequestError('Type a message first.');
  } else if (input?.kind === 'completion') {
    if (typeof input.prompt !== 'string' || !input.prompt.trim()) throw new BadRequestError('The prompt is empty.');
    chars = input.prompt.length;
  } else {
    throw new BadRequestError('Unknown kind of request.');
  }
  if (chars > MAX_INPUT_CHARS) {
    throw new BadRequestError(
      `The text is too long (${(chars / 1024 / 1024).toFixed(1)} MB); Hearth accepts up to 2 MB at once.`,
    );
  }
  const summary = validateSummaryHint(req?.summary);
  chars += summary?.text.length ?? 0;
  if (chars > MAX_INPUT_CHARS) throw new BadRequestError('The text is too long; Hearth accepts up to 2 MB at once.');
  const opts = req?.options ?? {};
  const maxTokens = opts.maxTokens;
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0 && maxTokens <= LIMITS.maxTokens)) {
    throw new BadRequestError(`Max tokens must be a whole number from 1 to ${LIMITS.maxTokens}.`);
  }
  const temperature = opts.temperature;
  if (temperature !== undefined && !(typeof temperature === 'number' && temperature >= 0 && temperature <= LIMITS.temperature)) {
    throw new BadRequestError(`Temperature must be between 0 and ${LIMITS.temperature}.`);
  }
  return { input, options: { maxTokens, temperature }, ...(summary ? { summary } : {}) };
}

function validateSummaryHint(value: unknown): GenerateRequest['summary'] {
  if (value === undefined) return undefined;
  const h = value as Partial<NonNullable<GenerateRequest['summary']>> | null;
  const ok = !!h && typeof h.text === 'string' && ['short', 'medium', 'long'].includes(h.length as string) && ['paragraph', 'bullets'].includes(h.format as string)
    && (h.language === undefined || h.language === null || (typeof h.language === 'string' && h.language.length < 60));
  if (!ok) throw new BadRequestError('The summary request is malformed.');
  return { text: h.text!, length: h.length!, format: h.format!, language: h.language ?? null };
}

/** Longest `llm.prime` key: a name for what is being read (a tab, a PDF), not a place to carry text. */
const MAX_PRIME_KEY_CHARS = 200;

/** An `llm.prime` request: a generate request, checked as one, and the key a newer prime of the same thing replaces. */
export function validatePrimeRequest(value: unknown): { request: GenerateRequest; key: string } {
  const v = value as { request?: unknown; key?: unknown } | null;
  const key = validatePrimeKey(v?.key);
  return { request: validateGenerateRequest(v?.request), key };
}

/** A prime's key (`llm.prime`, `llm.primeProgress`). */
export function validatePrimeKey(key: unknown): string {
  if (typeof key !== 'string' || !key || key.length > MAX_PRIME_KEY_CHARS) {
    throw new BadRequestError(`A prime needs a key of 1 to ${MAX_PRIME_KEY_CHARS} characters.`);
  }
  return key;
}

/** A model spec from another context: check it before a download or a load uses its source. */
export function validateModelSpec(value: unknown): ModelSpec {
  const m = value as Partial<ModelSpec> | null;
  const ok =
    !!m &&
    typeof m.id === 'string' &&
    typeof m.label === 'string' &&
    (ENGINE_KINDS as readonly string[]).includes(m.engine as string) &&
    typeof m.source === 'string' &&
    typeof m.contextTokens === 'number' &&
    m.contextTokens > 0;
  if (!ok) throw new BadRequestError('That model description is incomplete.');
  // Chrome's built-in model has no file: its one source names the browser's own API (lib/llm/builtin-ai.ts).
  if (m.engine === 'builtin' && m.source !== 'chrome:language-model') throw new BadRequestError("Chrome's built-in model has no address.");
  if (m.engine === 'cpu' && !isTrustedModelUrl(m.source!)) {
    throw new BadRequestError('A GGUF model needs an https address (plain http only from this machine).');
  }
  return m as ModelSpec;
}

export function validateHostSettings(value: unknown): HostSettings {
  const s = value as Partial<HostSettings> | null;
  if (!s || !(ENGINE_PREFERENCES as readonly string[]).includes(s.enginePreference as string)) throw new BadRequestError('Unknown engine preference.');
  const minutes = s.idleUnloadMinutes;
  if (typeof minutes !== 'number' || !(minutes >= 0 && minutes <= LIMITS.idleUnloadMinutes)) throw new BadRequestError(`Idle minutes must be 0 to ${LIMITS.idleUnloadMinutes}.`);
  return { enginePreference: s.enginePreference!, idleUnloadMinutes: minutes };
}
