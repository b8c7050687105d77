import { LIMITS } from '../messaging/protocol-values';

/** How a panel names itself in its refusals: its menu item ("Summarize selection") and what Hearth does ("summarizes"). */
export interface PanelWords {
  menuItem: string;
  does: string;
}

/** Why this text cannot go into an in-page panel, or null when it can (the same bounds for every panel). */
export function checkPanelInput(text: string, source: 'selection' | 'page', words: PanelWords): string | null {
  if (!text.trim()) {
    return source === 'selection'
      ? `Nothing is selected (or only blank space). Select some text, then choose “${words.menuItem}”.`
      : 'This page has no text Hearth can read.';
  }
  if (text.length > LIMITS.inputChars) {
    return `This text is too long (${(text.length / 1024 / 1024).toFixed(1)} MB); Hearth ${words.does} up to 2 MB at once. Select a shorter part.`;
  }
  return null;
}
