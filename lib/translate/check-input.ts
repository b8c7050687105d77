import { LIMITS } from '../messaging/protocol-values';

/** Why this text cannot be translated, or null when it can (the same bounds as a summary's). */
export function checkTranslateInput(text: string, source: 'selection' | 'page'): string | null {
  if (!text.trim()) {
    return source === 'selection'
      ? 'Nothing is selected (or only blank space). Select some text, then choose “Translate selection”.'
      : 'This page has no text Hearth can read.';
  }
  if (text.length > LIMITS.inputChars) {
    return `This text is too long (${(text.length / 1024 / 1024).toFixed(1)} MB); Hearth translates up to 2 MB at once. Select a shorter part.`;
  }
  return null;
}
