import { describe, expect, it } from 'vitest';
import { checkPanelInput } from './check-input';
import { checkSummaryInput } from '../summarize/check-input';
import { checkTranslateInput } from '../translate/check-input';

const tooLong = 'x'.repeat(2 * 1024 * 1024 + 1);

describe('checkPanelInput', () => {
  it('refuses blank and oversized input with a reason in the panel’s own words', () => {
    const words = { menuItem: 'Summarize selection', does: 'summarizes' };
    expect(checkPanelInput(' \n\t ', 'selection', words)).toBe('Nothing is selected (or only blank space). Select some text, then choose “Summarize selection”.');
    expect(checkPanelInput('', 'page', words)).toBe('This page has no text Hearth can read.');
    expect(checkPanelInput(tooLong, 'page', words)).toBe('This text is too long (2.0 MB); Hearth summarizes up to 2 MB at once. Select a shorter part.');
    expect(checkPanelInput('fine', 'page', words)).toBeNull();
  });
  it('names the summary and the translation menus', () => {
    expect(checkSummaryInput(' ', 'selection')).toMatch(/choose “Summarize selection”/);
    expect(checkSummaryInput(tooLong, 'page')).toMatch(/Hearth summarizes up to 2 MB/);
    expect(checkTranslateInput(' ', 'selection')).toMatch(/choose “Translate selection”/);
    expect(checkTranslateInput(tooLong, 'page')).toMatch(/Hearth translates up to 2 MB/);
    expect(checkTranslateInput('fine', 'selection')).toBeNull();
  });
});
