import { checkPanelInput } from '../page-panel/check-input';

/** Why this text cannot be summarized, or null when it can. */
export const checkSummaryInput = (text: string, source: 'selection' | 'page'): string | null =>
  checkPanelInput(text, source, { menuItem: 'Summarize selection', does: 'summarizes' });
