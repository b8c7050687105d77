import type { BackendChoice, DownloadCheck, ModelSpec, ModelSpeeds } from '../messaging/protocol';
import { formatBytes } from '../ui-kit/format';
import { BUSY_DAY_SHARE, correctedDevice, estimateDecodeSpeed, formatSpeed, pickModelForDevice, staysUsable, USABLE_TOKENS_PER_SEC, WORDS_PER_TOKEN } from './speed-estimate';

/** What every download button says while the device is measured again (a second or two). */
export const CHECKING_SPEED = "Checking this device's speed…";

/**
 * The one re-check before a download, wherever it starts (Models, the chat's offer, the summary and writing panels):
 * with the speeds just measured again, is `model` usable here? A model too slow on a busy day gets the largest
 * curated one that stays usable (`smaller`); Hearth's own pick (not `chosenByUser`) moves up when the device turned
 * out faster (`larger`). Nothing to check (a GPU, a model of unknown size) is `ok`; no device figure is `unchecked`.
 */
export function judgeDownload(model: ModelSpec, models: readonly ModelSpec[], backend: BackendChoice, speeds: ModelSpeeds, chosenByUser: boolean): DownloadCheck {
  if (backend.engine !== 'cpu' || model.engine !== 'cpu' || !model.sizeBytes) return { verdict: 'ok' };
  const device = correctedDevice(speeds);
  if (!device) return { verdict: 'unchecked', reason: "this device's speed could not be measured" };
  const pick = pickModelForDevice(models.filter((m) => !m.custom), device);
  if (!pick || pick.id === model.id) return { verdict: 'ok' };
  const usable = staysUsable(model, device);
  const smaller = !usable && pick.sizeBytes! < model.sizeBytes;
  const larger = usable && !chosenByUser && !model.custom && pick.sizeBytes! > model.sizeBytes;
  if (!smaller && !larger) return { verdict: 'ok' };
  return {
    verdict: smaller ? 'smaller' : 'larger',
    suggestion: pick,
    wordsPerSec: estimateDecodeSpeed(model, device)!.wordsPerSec,
    suggestedWordsPerSec: estimateDecodeSpeed(pick, device)!.wordsPerSec,
    neededWordsPerSec: (USABLE_TOKENS_PER_SEC / BUSY_DAY_SHARE) * WORDS_PER_TOKEN,
  };
}

/** A re-check that failed (no kernels, the host gone): the download goes ahead, with this said. */
export const uncheckedBecause = (e: unknown): DownloadCheck => ({ verdict: 'unchecked', reason: (e as Error)?.message || String(e) });

/** What the user reads after the re-check (null: nothing to say, the download simply starts). */
export function describeDownloadCheck(model: ModelSpec, check: DownloadCheck): string | null {
  if (check.verdict === 'ok') return null;
  if (check.verdict === 'unchecked') return `Hearth could not check this device's speed (${check.reason}), so it downloads ${model.label} as asked.`;
  const s = check.suggestion;
  const size = s.sizeBytes ? `${formatBytes(s.sizeBytes)}, ` : '';
  if (check.verdict === 'larger') {
    return `Checked just now: this device is faster than first measured. ${s.label} (${formatBytes(s.sizeBytes ?? 0)}) writes ${formatSpeed(check.suggestedWordsPerSec, 'here')} and stays usable when other programs are busy; Hearth suggests it instead of ${model.label}.`;
  }
  const busyWords = Math.round(USABLE_TOKENS_PER_SEC * WORDS_PER_TOKEN);
  return `Checked just now: ${model.label} would write ${formatSpeed(check.wordsPerSec)}. `
    + `A model needs about ${Math.round(check.neededWordsPerSec)} words/s here to keep at least ${busyWords} words/s (faster than you read) when other programs are busy. `
    + `Hearth suggests ${s.label} (${size}${formatSpeed(check.suggestedWordsPerSec, 'here')}) instead.`;
}
