import type { PdfState } from './use-pdf-text';

/** What the side panel says while it fetches and reads a PDF, or why it could not; never the PDF's own words. */
export function PdfStatus({ state, onAllow, onRetry }: { state: PdfState; onAllow(origin: string): void; onRetry(): void }) {
  if (state.status === 'loading') {
    const text = state.stage === 'downloading' ? 'Downloading the PDF…' : state.total ? `Reading the PDF: page ${state.done} of ${state.total}…` : 'Reading the PDF…';
    return <p class="hearth-status" role="status" data-testid="pdf-status">{text}</p>;
  }
  if (state.status !== 'error') return null;
  return (
    <div data-testid="pdf-error">
      <p class="hearth-error" role="alert">{state.message}</p>
      {state.origin ? (
        <button type="button" data-testid="pdf-allow" onClick={() => onAllow(state.origin!)}>
          Allow Hearth to read files from {new URL(state.origin).host}
        </button>
      ) : (
        <button type="button" data-testid="pdf-retry" onClick={onRetry}>Try again</button>
      )}
    </div>
  );
}
