import type { BackendChoice, ModelSpec, ModelSpeeds } from '../messaging/protocol';
import { pickDefaultModel } from './models';
import { BUSY_DAY_SHARE, correctedDevice, estimateDecodeSpeed, formatSpeed, staysUsable, USABLE_TOKENS_PER_SEC, WORDS_PER_TOKEN } from './speed-estimate';

export interface Recommendation {
  modelId: string;
  /** Why this one, in words a user can read. */
  why: string;
}

/**
 * The model Models recommends: the same pick the first run makes (lib/llm/models.ts pickDefaultModel), so the
 * advice and the default never disagree, with the reason that pick was made.
 */
export function recommendModel(models: readonly ModelSpec[], backend: BackendChoice, speeds: ModelSpeeds | null): Recommendation | null {
  const curated = models.filter((m) => !m.custom);
  if (curated.length === 0) return null;
  const device = backend.engine === 'cpu' && speeds ? correctedDevice(speeds) ?? undefined : undefined;
  let pick: ModelSpec;
  try {
    pick = pickDefaultModel(backend, curated, device);
  } catch {
    return null;
  }
  if (backend.engine === 'webllm') return { modelId: pick.id, why: 'This device has a GPU that runs it (WebGPU).' };
  const estimate = device ? estimateDecodeSpeed(pick, device) : null;
  if (!estimate || !device) return { modelId: pick.id, why: 'It runs on any CPU; this device has not been measured yet.' };
  const usableWords = Math.round(USABLE_TOKENS_PER_SEC * WORDS_PER_TOKEN);
  const busy = formatSpeed(estimate.wordsPerSec * BUSY_DAY_SHARE, 'when the device is busy');
  const basis = device.from === 'answers' ? ', from the answers written here' : '';
  const why = staysUsable(pick, device)
    ? `The largest model that still writes at least ${usableWords} words/s on this device's CPU when other programs are busy (${formatSpeed(estimate.wordsPerSec, 'here')}, ${busy}${basis}).`
    : `The smallest model: none keeps ${usableWords} words/s on this device's CPU when it is busy (this one ${formatSpeed(estimate.wordsPerSec, 'here')}${basis}).`;
  return { modelId: pick.id, why };
}
