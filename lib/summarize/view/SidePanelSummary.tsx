import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SidePanelSummaryRequest } from '../../messaging/protocol';
import type { SessionDeps } from './summary-session';
import { SIDE_PANEL_KEY } from '../../messaging/protocol-values';
import { checkSummaryInput, countWords } from '../text-size';
import { detectLanguage } from '../language';
import { SummaryView } from './SummaryView';
import { useSummary } from './use-summary';
import { usePdfSource } from '../../pdf/view/use-pdf-source';
import { PdfStatus } from '../../pdf/view/PdfStatus';

export interface SessionStorageLike {
  get(key: string): Promise<Record<string, unknown>>;
  onChanged: { addListener(cb: (changes: Record<string, { newValue?: unknown }>) => void): void };
}

/** The side panel's summary: a request handed over by the background (with why it is here), or pasted text. */
export function SidePanelSummary({ session, runtime }: { session: SessionStorageLike; runtime: SessionDeps['runtime'] }) {
  const [request, setRequest] = useState<SidePanelSummaryRequest | null>(null);
  const [pasted, setPasted] = useState('');
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const take = (r: unknown) => {
      const req = r as SidePanelSummaryRequest | undefined;
      if (!req) return;
      setRequest(req);
      setText(req.text ?? null);
    };
    session.get(SIDE_PANEL_KEY).then((got) => take(got[SIDE_PANEL_KEY]));
    session.onChanged.addListener((changes) => take(changes[SIDE_PANEL_KEY]?.newValue));
  }, [session]);
  // A PDF (a PDF tab, or a right-clicked link) is downloaded and read here; its text then takes the place of `text`.
  const pdf = usePdfSource(request);
  useEffect(() => { if (pdf.text !== null) setText(pdf.text); }, [pdf.text]);

  const source = request?.mode ?? 'selection';
  const refusal = text === null ? null : checkSummaryInput(text, source);
  const title = pdf.title ?? request?.title;
  const job = useMemo(
    () => (text === null || refusal ? null : { text, info: { source, title, language: detectLanguage(text), ...(pdf.text !== null ? { kind: 'pdf' as const } : {}) } }),
    [text, request?.at],
  );
  const deps = useMemo(() => ({ runtime }), [runtime]);
  const { state, style, setStyle, running, stop, again } = useSummary(job, deps);
  const [copied, setCopied] = useState(false);

  return (
    <main class="hearth-page hearth-panel hearth-side" data-testid="sidepanel">
      <h1 class="hearth-header"><strong>Hearth summary</strong></h1>
      {request && <p class="hearth-status" data-testid="note">{request.note}</p>}
      <PdfStatus state={pdf.state} onAllow={pdf.allow} onRetry={pdf.retry} />
      {refusal && <p class="hearth-error" role="alert" data-testid="error">{refusal}</p>}
      {/* Pasted text is the user's own, not Chrome's (possibly shortened) copy of a selection. */}
      {job ? (
        <SummaryView
          read={{ source, words: pdf.words ?? countWords(job.text), chars: job.text.length, fromChrome: source === 'selection' && !!request?.text, ...(pdf.pages ? { pages: pdf.pages, title } : {}) }}
          preview={job.text.trim().slice(0, 240)}
          state={state}
          style={style}
          running={running}
          onStyle={setStyle}
          onStop={stop}
          onAgain={again}
          onCopy={() => navigator.clipboard.writeText(state.summary.trim()).then(() => setCopied(true))}
          copied={copied}
          runtime={runtime}
        />
      ) : request?.pdfUrl ? null : (
        <form class="hearth-paste" onSubmit={(e) => { e.preventDefault(); setText(pasted); }}>
          <label for="hearth-paste">Paste the text to summarize:</label>
          <textarea id="hearth-paste" data-testid="paste" rows={8} value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} />
          <button type="submit" data-testid="summarize">Summarize</button>
        </form>
      )}
    </main>
  );
}
