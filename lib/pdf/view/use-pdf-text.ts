import { useEffect, useState } from 'preact/hooks';
import type { PdfText } from '../extract-pdf';
import { PdfAccessError } from '../errors';
import { readPdfFromUrl, type ReadPdfDeps, type ReadPdfProgress } from '../read-pdf';

export type PdfState =
  | { status: 'idle' }
  | ({ status: 'loading' } & ReadPdfProgress)
  | { status: 'ready'; pdf: PdfText }
  /** `origin`: the site Hearth may lack permission for, so the view can offer to ask for it. */
  | { status: 'error'; message: string; origin?: string };

/** Read the PDF at `url`, asked for from `pageUrl` (again whenever `attempt` changes); idle when there is no URL. */
export function usePdfText(url: string | undefined, pageUrl: string, attempt: unknown, deps: ReadPdfDeps): PdfState {
  const [state, setState] = useState<PdfState>({ status: 'idle' });
  useEffect(() => {
    if (!url) return setState({ status: 'idle' });
    const ctl = new AbortController();
    const set = (s: PdfState) => !ctl.signal.aborted && setState(s);
    readPdfFromUrl(url, deps, (p) => set({ status: 'loading', ...p }), ctl.signal, pageUrl).then(
      (pdf) => set({ status: 'ready', pdf }),
      (err: Error) => set({ status: 'error', message: err.message, origin: err instanceof PdfAccessError ? err.origin : undefined }),
    );
    return () => ctl.abort();
  }, [url, pageUrl, attempt]);
  return state;
}
