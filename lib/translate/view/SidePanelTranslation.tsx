import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SidePanelTranslateRequest } from '../../messaging/protocol';
import { TRANSLATE_PANEL_KEY } from '../../messaging/protocol-values';
import type { PanelDeps } from '../../page-panel/host-session';
import { useHandOff, type HandOffStorage as SessionStorageLike } from '../../page-panel/view/use-hand-off';
import { PasteForm } from '../../page-panel/view/PasteForm';
import { countWords } from '../../page-text/count-words';
import { useColorScheme } from '../../ui-kit/use-color-scheme';
import { usePdfSource } from '../../pdf/view/use-pdf-source';
import { PdfStatus } from '../../pdf/view/PdfStatus';
import type { ReadPdfDeps } from '../../pdf/read-pdf';
import { browserPdfDeps } from '../../pdf/view/read-pdf-tab';
import { checkTranslateInput } from '../check-input';
import { declaredLanguage } from '../languages';
import { TranslateBody } from './TranslateBody';
import { pageTranslateApis, type TranslateApis } from './translate-session';

interface Input {
  text: string | null;
  source: 'selection' | 'page';
  pasted: boolean;
  note?: string;
  at: number;
  title?: string;
  /** A PDF's pages, once read. */
  pages?: number;
}

/** What the side panel says when the background handed over no text: why it cannot read it, and what to do. */
export function unreadableText(mode: 'selection' | 'page'): string {
  return mode === 'selection'
    ? 'Hearth cannot read the selected text on this page. Copy it and paste it below to translate it here.'
    : "Hearth cannot read this page's text. Copy the part you want and paste it below to translate it here.";
}

/**
 * The side panel's translation: one the background handed over because the page could not take the in-page panel
 * (Chrome's own pages, the Web Store, the PDF viewer, another site's frame), with the reason; a PDF tab's document,
 * read here with pdf.js as the summary reads it; or pasted text.
 */
export function SidePanelTranslation({ session, runtime, apis = pageTranslateApis(), userLanguage = navigator.language || 'en', pdfDeps }: {
  session: SessionStorageLike;
  runtime: PanelDeps['runtime'];
  apis?: TranslateApis;
  userLanguage?: string;
  pdfDeps?: ReadPdfDeps;
}) {
  const [input, setInput] = useState<Input | null>(null);
  const [pdfRequest, setPdfRequest] = useState<SidePanelTranslateRequest | null>(null);
  useHandOff(session, TRANSLATE_PANEL_KEY, (req) => {
    setInput({ text: req.text ?? null, source: req.mode, pasted: false, note: req.note, at: req.at, title: req.title });
    setPdfRequest(req.pdfUrl ? req : null);
  });
  // The PDF's pages as plain paragraphs (no page headings: they would be translated as text).
  const pdf = usePdfSource(pdfRequest, pdfDeps ?? browserPdfDeps());
  useEffect(() => {
    if (pdf.state.status !== 'ready') return;
    const { pages, title } = pdf.state.pdf;
    setInput((prev) => prev && { ...prev, text: pages.map((p) => p.text).join('\n\n'), title: title ?? prev.title, pages: pages.length, at: Date.now() });
  }, [pdf.state]);

  const text = input?.text ?? null;
  const refusal = text === null ? null : checkTranslateInput(text, input!.source);
  // A new object per hand-off or paste: the same text asked again is translated again.
  const job = useMemo(() => (text === null || refusal ? null : { text, declared: declaredLanguage(text, undefined) }), [text, input?.at]);
  const deps = useMemo<PanelDeps>(() => ({ runtime }), [runtime]);
  const scheme = useColorScheme();

  return (
    <main class="hearth-page hearth-panel hearth-side" data-theme={scheme} data-testid="sidepanel-translation">
      {input?.note && <p class="hearth-status" data-testid="translate-note">{input.note}</p>}
      {pdfRequest && <PdfStatus state={pdf.state} onAllow={pdf.allow} onRetry={pdf.retry} />}
      {input && text === null && !pdfRequest && <p class="hearth-error" role="alert" data-testid="translate-unreadable">{unreadableText(input.source)}</p>}
      {refusal && <p class="hearth-error" role="alert" data-testid="error">{refusal}</p>}
      {job && (
        <TranslateBody key={input!.at} job={job} read={{ source: input!.source, pasted: input!.pasted, words: countWords(job.text), chars: job.text.length, title: input!.title, pages: input!.pages,
          fromChrome: input!.source === 'selection' && !input!.pasted }}
          preview={job.text.trim().slice(0, 240)} userLanguage={userLanguage} apis={apis} deps={deps} copy={(t) => navigator.clipboard.writeText(t)} />
      )}
      <PasteForm verb="Translate" what="translate" open={!job && !pdfRequest} id="hearth-translate-paste" textTestId="translate-paste" submitTestId="translate-pasted"
        onSubmit={(text) => { setPdfRequest(null); setInput({ text, source: 'page', pasted: true, note: undefined, at: Date.now() }); }} />
    </main>
  );
}
