import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Placement } from '../page/placement';
import { useColorScheme } from '../../ui-kit/use-color-scheme';

export interface PanelFrameProps {
  /** The dialog's name and header ("Hearth summary"). */
  title: string;
  placement: Placement;
  /** The page's own darkness (page/page-theme.ts); null or left out leaves it to the OS theme. */
  theme?: 'light' | 'dark' | null;
  /** Why the panel will not work on this input (blank, too long, a password field…): shown instead of its body. */
  refusal?: string | null;
  /** The host's records of the panel's prompts (`llm.record`), for the worker only; the page cannot see them. */
  recordIds?: string;
  onClose(): void;
  children: ComponentChildren;
}

/**
 * Every in-page panel's frame (inside a closed shadow root): a non-modal dialog beside the selection or field that
 * takes focus when it opens; Esc or × closes it.
 */
export function PanelFrame({ title, placement, theme, refusal, recordIds, onClose, children }: PanelFrameProps) {
  const osScheme = useColorScheme();
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
      aria-label={title}
      tabIndex={-1}
      data-testid="panel"
      data-theme={theme ?? osScheme}
      data-record-ids={recordIds}
      style={{ top: px(top), bottom: px(bottom), left: px(left), width: px(width), maxHeight: px(maxHeight) }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header class="hearth-header">
        <strong>{title}</strong>
        <button type="button" class="hearth-close" data-testid="close" aria-label="Close (Esc)" title="Close (Esc)" onClick={() => onClose()}>×</button>
      </header>
      {refusal ? <p class="hearth-error" role="alert" data-testid="error">{refusal}</p> : children}
    </section>
  );
}
