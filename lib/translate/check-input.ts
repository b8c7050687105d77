import { checkPanelInput } from '../page-panel/check-input';

/** Why this text cannot be translated, or null when it can (the same bounds as a summary's). */
export const checkTranslateInput = (text: string, source: 'selection' | 'page'): string | null =>
  checkPanelInput(text, source, { menuItem: 'Translate selection', does: 'translates' });
