import { WORDS_PER_TOKEN } from '../tokens/estimate';

/** "1.5 MB" style sizes for people. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const units = ['B', 'KB', 'MB', 'GB'];
  const i = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  const value = bytes / 1024 ** i;
  return `${value >= 10 || i === 0 ? Math.round(value) : value.toFixed(1)} ${units[i]}`;
}

/** What an answer or a summary shows while `ahead` requests are before it in the model host's queue. */
export function waitingText(ahead: number): string {
  return `Waiting for ${ahead.toLocaleString('en-US')} other request${ahead === 1 ? '' : 's'} to finish…`;
}

/**
 * How much a model reads at once, in words (about ¾ of a word per token in English), rounded to two digits:
 * "reads ~3,100 words at a time" instead of "4,096-token context".
 */
export function contextInWords(tokens: number): string {
  const words = tokens * WORDS_PER_TOKEN;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(words)) - 1);
  return `reads ~${(Math.round(words / step) * step).toLocaleString('en-US')} words at a time`;
}
