import { useEffect, useRef } from 'preact/hooks';
import type { Placement } from '../../summarize/page/placement';
import { useColorScheme } from '../../ui-kit/use-color-scheme';
import { TranslateBody, type TranslateBodyProps } from './TranslateBody';

export interface TranslatePanelProps extends TranslateBodyProps {
  refusal: string | null;
  placement: Placement;
  theme: 'light' | 'dark' | null;
  onClose(): void;
}

/** The in-page translation panel: the summary panel's frame and look (lib/summarize), a translation inside. */
export function TranslatePanel({ job, refusal, placement, theme, onClose, ...body }: TranslatePanelProps) {
  const osScheme = useColorScheme();
  const root = useRef<HTMLElement>(null);
  useEffect(() => root.current?.focus({ preventScroll: true }), []);
  const px = (v: number | undefined) => (v === undefined ? undefined : `${Math.round(v)}px`);
  const { top, bottom, left, width, maxHeight } = placement;
  return (
    <section ref={root} class="hearth-panel" role="dialog" aria-label="Hearth translation" tabIndex={-1} data-testid="panel" data-theme={theme ?? osScheme}
      style={{ top: px(top), bottom: px(bottom), left: px(left), width: px(width), maxHeight: px(maxHeight) }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}>
      <header class="hearth-header">
        <strong>Hearth translation</strong>
        <button type="button" class="hearth-close" data-testid="close" aria-label="Close (Esc)" title="Close (Esc)" onClick={onClose}>×</button>
      </header>
      {refusal ? <p class="hearth-error" role="alert" data-testid="error">{refusal}</p> : <TranslateBody job={job} {...body} />}
    </section>
  );
}
