import { useState } from 'preact/hooks';
import type { Placement } from '../../page-panel/page/placement';
import { PanelFrame } from '../../page-panel/view/PanelFrame';
import type { SummaryJob } from '../run-summary';
import type { SessionDeps, SummaryState } from './summary-session';
import type { SummaryClaim } from '../follow-up-lead';
import type { ReadInfo } from '../read-info';
import { SummaryView } from './SummaryView';
import { useSummary } from './use-summary';
import { sendCommand } from '../../messaging/commands';
import { asksOverPassages, type SummaryStyle } from '../prompt';

export interface SummaryPanelProps {
  job: Omit<SummaryJob, 'style'> | null;
  read: ReadInfo;
  preview: string;
  /** Set when the input was refused (blank, too long): shown instead of a summary. */
  refusal: string | null;
  placement: Placement;
  deps: SessionDeps;
  copy(text: string): Promise<void>;
  onClose(): void;
  /** The page's own darkness (page/page-theme.ts); null leaves it to the OS theme. */
  theme?: 'light' | 'dark' | null;
}

/** What this panel summarized, for the worker to check against the host's record (lib/summarize/follow-up-lead.ts). */
function claimOf(job: Omit<SummaryJob, 'style'>, style: SummaryStyle, state: SummaryState): SummaryClaim {
  const { source, title = '', language } = job.info;
  return { source, title, language, style, ...(state.parts === 1 && asksOverPassages(job.info) ? { text: job.text } : {}) };
}

/** The in-page panel (inside a shadow root): a non-modal dialog beside the selection; Esc closes it. */
export function SummaryPanel({ job, read, preview, refusal, placement, deps, copy, onClose, theme }: SummaryPanelProps) {
  const { state, style, setStyle, running, stop, again } = useSummary(refusal ? null : job, deps);
  const [copied, setCopied] = useState(false);
  const [followUpNote, setFollowUpNote] = useState<string | null>(null);
  // The worker opens the side panel if Chrome still counts this click as a gesture; otherwise the chat takes the
  // follow-up when the user opens Hearth. The summary goes by the host's record of it; a page read in one step also
  // says what it read, so the chat asks about that very text (its prompt then starts as the summary's did).
  const followUp = () =>
    sendCommand(deps.runtime, 'background', 'ask.followUp', { recordId: state.stats?.recordId ?? '', title: read.title, claim: job && claimOf(job, style, state) }).then(
      ({ opened }) => setFollowUpNote(opened ? 'The chat in Hearth’s side panel asks about this page now.' : 'Open Hearth (its toolbar button or side panel): the chat starts with this page and its summary.'),
      (err: Error) => setFollowUpNote(err.message),
    );
  return (
    <PanelFrame title="Hearth summary" placement={placement} theme={theme} refusal={refusal} onClose={onClose}>
      <SummaryView
        read={read}
        preview={preview}
        state={state}
        style={style}
        running={running}
        onStyle={(s) => { setCopied(false); setStyle(s); }}
        onStop={stop}
        onAgain={again}
        onCopy={() => copy(state.summary.trim()).then(() => setCopied(true), () => setCopied(false))}
        copied={copied}
        runtime={deps.runtime}
        onFollowUp={() => void followUp()}
        followUpNote={followUpNote}
      />
    </PanelFrame>
  );
}
