import { useEffect, useRef, useState } from 'preact/hooks';
import type { Placement } from '../page/placement';
import type { SummaryJob } from '../run-summary';
import type { SessionDeps } from './summary-session';
import type { ReadInfo } from './status-text';
import { SummaryView } from './SummaryView';
import { useSummary } from './use-summary';

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

/** The in-page panel (inside a shadow root): a non-modal dialog beside the selection; Esc closes it. */
export function SummaryPanel({ job, read, preview, refusal, placement, deps, copy, onClose, theme }: SummaryPanelProps) {
  const { state, style, setStyle, running, stop, again } = useSummary(refusal ? null : job, deps);
  const [copied, setCopied] = useState(false);
  const root = useRef<HTMLElement>(null);
  useEffect(() => root.current?.focus({ preventScroll: true }), []);
  // Preact 11 adds no "px" to numbers in styles.
  const px = (v: number | undefined) => (v === undefined ? undefined : `${Math.round(v)}px`);
  const { top, bottom, left, width, maxHeight } = placement;
  return (
    <section
      ref={root}
      class="hearth-panel"
      role="dialog"
      aria-label="Hearth summary"
      tabIndex={-1}
      data-testid="panel"
      data-theme={theme ?? undefined}
      style={{ top: px(top), bottom: px(bottom), left: px(left), width: px(width), maxHeight: px(maxHeight) }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header class="hearth-header">
        <strong>Hearth summary</strong>
        <button type="button" class="hearth-close" data-testid="close" aria-label="Close (Esc)" title="Close (Esc)" onClick={onClose}>×</button>
      </header>
      {refusal ? (
        <p class="hearth-error" role="alert" data-testid="error">{refusal}</p>
      ) : (
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
        />
      )}
    </section>
  );
}
