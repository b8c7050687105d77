// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { PdfStatus } from './PdfStatus';
import type { PdfState } from './use-pdf-text';

function show(state: PdfState) {
  const el = document.createElement('div');
  const onAllow = vi.fn();
  const onRetry = vi.fn();
  render(<PdfStatus state={state} onAllow={onAllow} onRetry={onRetry} />, el);
  return { el, onAllow, onRetry };
}

describe('PdfStatus', () => {
  it('says what it is doing, page by page', () => {
    expect(show({ status: 'loading', stage: 'downloading' }).el.textContent).toBe('Downloading the PDF…');
    expect(show({ status: 'loading', stage: 'reading', done: 3, total: 40 }).el.textContent).toBe('Reading the PDF: page 3 of 40…');
    expect(show({ status: 'idle' }).el.textContent).toBe('');
    expect(show({ status: 'ready', pdf: { pages: [] } }).el.textContent).toBe('');
  });

  it('offers to ask for the site when access was the problem, and to try again otherwise', () => {
    const denied = show({ status: 'error', message: 'Hearth could not download the PDF from cdn.example.', origin: 'https://cdn.example' });
    const allow = denied.el.querySelector<HTMLButtonElement>('[data-testid=pdf-allow]')!;
    expect(allow.textContent).toBe('Allow Hearth to read files from cdn.example');
    allow.click();
    expect(denied.onAllow).toHaveBeenCalledWith('https://cdn.example');
    const locked = show({ status: 'error', message: 'This PDF is protected by a password <b>x</b>' });
    expect(locked.el.querySelector('[role=alert]')!.textContent).toBe('This PDF is protected by a password <b>x</b>'); // as text
    expect(locked.el.querySelector('b')).toBeNull();
    locked.el.querySelector<HTMLButtonElement>('[data-testid=pdf-retry]')!.click();
    expect(locked.onRetry).toHaveBeenCalled();
  });
});
