import type { GenerateRequest, HostSettings, ModelSpec } from '../messaging/protocol';
import { BadRequestError } from '../messaging/errors';
import { isTrustedModelUrl } from '../llm/models';

/** Text larger than this is refused outright rather than silently cut. */
export const MAX_INPUT_CHARS = 2 * 1024 * 1024;

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
  const opts = req?.options ?? {};
  const maxTokens = opts.maxTokens;
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0 && maxTokens <= 8192)) {
    throw new BadRequestError('Max tokens must be a whole number from 1 to 8192.');
  }
  const temperature = opts.temperature;
  if (temperature !== undefined && !(typeof temperature === 'number' && temperature >= 0 && temperature <= 2)) {
    throw new BadRequestError('Temperature must be between 0 and 2.');
  }
  return { input, options: { maxTokens, temperature } };
}

/** A model spec from another context: check it before a download or a load uses its source. */
export function validateModelSpec(value: unknown): ModelSpec {
  const m = value as Partial<ModelSpec> | null;
  const ok =
    !!m &&
    typeof m.id === 'string' &&
    typeof m.label === 'string' &&
    (m.engine === 'wasm' || m.engine === 'webllm') &&
    typeof m.source === 'string' &&
    typeof m.contextTokens === 'number' &&
    m.contextTokens > 0;
  if (!ok) throw new BadRequestError('That model description is incomplete.');
  if (m.engine === 'wasm' && !isTrustedModelUrl(m.source!)) {
    throw new BadRequestError('A GGUF model needs an https address (plain http only from this machine).');
  }
  return m as ModelSpec;
}

export function validateHostSettings(value: unknown): HostSettings {
  const s = value as Partial<HostSettings> | null;
  if (!s || !['auto', 'webgpu', 'wasm'].includes(s.enginePreference as string)) throw new BadRequestError('Unknown engine preference.');
  const minutes = s.idleUnloadMinutes;
  if (typeof minutes !== 'number' || !(minutes >= 0 && minutes <= 24 * 60)) throw new BadRequestError('Idle minutes must be 0 to 1440.');
  return { enginePreference: s.enginePreference!, idleUnloadMinutes: minutes };
}
