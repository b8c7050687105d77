import { LIMITS } from '../messaging/protocol-values';

/** What the page script found where the user asked for writing help (read from the DOM, decided here). */
export type FieldFacts =
  | { found: 'none' }
  | { found: 'other-origin-frame' }
  | { found: 'control'; tag: 'INPUT' | 'TEXTAREA'; type: string; readOnly: boolean; disabled: boolean }
  | { found: 'rich' };

/** Input types that hold prose; others (number, date, email…) hold a value writing help has no business changing. */
const PROSE_INPUTS = new Set(['text', 'search', '']);

/** Why writing help cannot work in this field, in words for the panel; null when it can. */
export function whyNotWritable(f: FieldFacts): string | null {
  switch (f.found) {
    case 'none':
      return 'Click into a text field and select the text to work on (or nothing, for the whole field), then ask again.';
    case 'other-origin-frame':
      return 'This field is in a frame from another site, which Hearth cannot reach from this page.';
    case 'rich':
      return null;
    case 'control':
      if (f.tag === 'INPUT' && f.type === 'password') return 'This is a password field: Hearth does not read passwords.';
      if (f.disabled) return 'This field is disabled: the page does not let anyone type in it.';
      if (f.readOnly) return 'This field is read-only: the page does not let anyone change its text, so there is nothing to apply to. Copy the text into an editable field instead.';
      if (f.tag === 'INPUT' && !PROSE_INPUTS.has(f.type)) return `This field holds a value of its own kind (${f.type}), not text to proofread or rewrite.`;
      return null;
  }
}

/** Why this text cannot be worked on (blank, too long), or null. */
export function whyNotText(text: string, whole: boolean): string | null {
  if (!text.trim()) return whole ? 'This field is empty: write something first.' : 'Only blank space is selected. Select the text to work on.';
  if (text.length > LIMITS.inputChars) return 'This text is too long for Hearth (over 2 MB). Select a part of it.';
  return null;
}
