import { LIMITS } from '../messaging/protocol-values';

/** Why this text cannot be summarized, or null when it can. */
export function checkSummaryInput(text: string, source: 'selection' | 'page'): string | null {
  if (!text.trim()) {
    return source === 'selection'
      ? 'Nothing is selected (or only blank space). Select some text, then choose “Summarize selection”.'
      : 'This page has no text Hearth can read.';
  }
  if (text.length > LIMITS.inputChars) {
    return `This text is too long (${(text.length / 1024 / 1024).toFixed(1)} MB); Hearth summarizes up to 2 MB at once. Select a shorter part.`;
  }
  return null;
}
