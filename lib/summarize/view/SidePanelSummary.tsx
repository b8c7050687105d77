import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SidePanelSummaryRequest } from '../../messaging/protocol';
import type { SessionDeps, SummaryState } from './summary-session';
import type { SummaryJob } from '../run-summary';
import { asksOverPassages, summaryRequest, type SummaryStyle } from '../prompt';
import type { FollowUp } from '../../ask/follow-up';
import { SIDE_PANEL_KEY } from '../../messaging/protocol-values';
import { countWords } from '../../page-text/count-words';
import { checkSummaryInput } from '../check-input';
import { detectLanguage } from '../language';
import { SummaryView } from './SummaryView';
import { useSummary } from './use-summary';
import { createActiveTabReader, type ActiveTabText } from './read-active-tab';
import { createSummaryHistory, recordInto } from '../history';
import { useShortcuts, withShortcut } from '../../ui-kit/shortcuts';
import { useColorScheme } from '../../ui-kit/use-color-scheme';
import { usePdfSource } from '../../pdf/view/use-pdf-source';
import { PdfStatus } from '../../pdf/view/PdfStatus';
import { useHandOff, type HandOffStorage } from '../../page-panel/view/use-hand-off';
import { PasteForm } from '../../page-panel/view/PasteForm';

export type SessionStorageLike = HandOffStorage;

/** What the side panel summarizes: a request handed over by the background, the page beside it, or pasted text. */
interface Input {
  text: string | null;
  source: 'selection' | 'page';
  pasted: boolean;
  title?: string;
  url?: string;
  note?: string;
  at: number;
}

/**
 * This panel's summary as a follow-up (its own generation: the text is the model's). Read in one step over the page's
 * passages, it carries that text and request, so the chat's first prompt starts with the summary's.
 */
function followUpOf(job: Omit<SummaryJob, 'style'>, style: SummaryStyle, state: SummaryState, input: Input): Pick<FollowUp, 'summary' | 'title' | 'source' | 'request'> {
  const lead = state.parts === 1 && asksOverPassages(job.info);
  const source = { text: job.text, title: job.info.title ?? '', url: input.url ?? '' };
  return { summary: state.summary.trim(), title: input.title, ...(lead ? { source, request: summaryRequest(job.info, style) } : {}) };
}

const browserApi = () => browser as unknown as Parameters<typeof createActiveTabReader>[0] & { storage: { local: never } };

/** The side panel's summary: "Summarize this page" first; a request the background handed over; pasting, second. */
export function SidePanelSummary({ session, runtime, readTab, startAt = 0, onFollowUp }: {
  session: SessionStorageLike;
  runtime: SessionDeps['runtime'];
  readTab?: () => Promise<ActiveTabText>;
  /** Set (to a new time) by the chat's "Summarize this page": read and summarize the page at once. */
  startAt?: number;
  /** "Ask a follow-up": the chat asks about the page beside the panel, with this summary as context. */
  onFollowUp?(followUp: Pick<FollowUp, 'summary' | 'title' | 'source' | 'request'>): void;
}) {
  const shortcuts = useShortcuts();
  const keys = useRef(shortcuts);
  keys.current = shortcuts;
  const read = useMemo(() => readTab ?? createActiveTabReader(browserApi(), () => keys.current['summarize-page']), [readTab]);
  const [input, setInput] = useState<Input | null>(null);
  // The background's hand-off when it names a PDF (a PDF tab or a right-clicked link): read here with pdf.js.
  const [pdfRequest, setPdfRequest] = useState<SidePanelSummaryRequest | null>(null);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  useHandOff(session, SIDE_PANEL_KEY, (req) => {
    setInput({ text: req.text ?? null, source: req.mode, pasted: false, title: req.title, note: req.note, at: req.at });
    setPdfRequest(req.pdfUrl ? req : null);
  });

  const pdf = usePdfSource(pdfRequest);
  useEffect(() => {
    if (pdf.text !== null) setInput((prev) => prev && { ...prev, text: pdf.text, title: pdf.title ?? prev.title, url: pdfRequest?.pdfUrl, at: Date.now() });
  }, [pdf.text]);

  async function summarizePage() {
    setPdfRequest(null);
    setReadError(null);
    setReading(true);
    try {
      const page = await read();
      setInput({ text: page.text, source: 'page', pasted: false, title: page.title, url: page.url, at: Date.now() });
    } catch (e) {
      setReadError((e as Error).message);
    } finally {
      setReading(false);
    }
  }

  useEffect(() => void (startAt && summarizePage()), [startAt]);

  const text = input?.text ?? null;
  const refusal = text === null ? null : checkSummaryInput(text, input!.source);
  const job = useMemo(
    () => (text === null || refusal ? null : { text, info: { source: input!.source, title: input!.title, language: detectLanguage(text), ...(pdf.text !== null && pdfRequest ? { kind: 'pdf' as const } : {}) } }),
    [text, input?.at],
  );
  const deps = useMemo<SessionDeps>(
    () => ({ runtime, onFinished: recordInto(createSummaryHistory(browserApi().storage.local), { title: input?.pasted ? 'Pasted text' : input?.title, url: input?.url }) }),
    [runtime, input?.at],
  );
  const { state, style, setStyle, running, stop, again } = useSummary(job, deps);
  const [copied, setCopied] = useState(false);
  const scheme = useColorScheme();

  return (
    <main class="hearth-page hearth-panel hearth-side" data-theme={scheme} data-testid="sidepanel">
      <div class="hearth-actions">
        <button type="button" class="primary" data-testid="summarize-page" disabled={reading || (!!job && running)}
          title={withShortcut('Summarize the page in this tab', shortcuts, 'summarize-page')} onClick={() => void summarizePage()}>
          {reading ? 'Reading the page…' : 'Summarize this page'}
        </button>
      </div>
      {readError && <p class="hearth-error" role="alert" data-testid="read-error">{readError}</p>}
      {input?.note && <p class="hearth-status" data-testid="note">{input.note}</p>}
      {pdfRequest && <PdfStatus state={pdf.state} onAllow={pdf.allow} onRetry={pdf.retry} />}
      {refusal && <p class="hearth-error" role="alert" data-testid="error">{refusal}</p>}
      {job && (
        <SummaryView
          read={{ source: input!.source, pasted: input!.pasted, words: (pdfRequest && pdf.words) || countWords(job.text), chars: job.text.length, title: input!.title,
            fromChrome: input!.source === 'selection' && !input!.pasted && !pdfRequest, ...(pdfRequest && pdf.pages ? { pages: pdf.pages } : {}) }}
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
          onFollowUp={onFollowUp && !input!.pasted ? () => onFollowUp(followUpOf(job, style, state, input!)) : undefined}
        />
      )}
      <PasteForm verb="Summarize" what="summarize" open={!job && !!input && input.text === null && !pdfRequest} id="hearth-paste" textTestId="paste" submitTestId="summarize"
        onSubmit={(text) => { setPdfRequest(null); setInput({ text, source: 'page', pasted: true, at: Date.now() }); }} />
    </main>
  );
}
