import type { Placement } from '../../page-panel/page/placement';
import { PanelFrame } from '../../page-panel/view/PanelFrame';
import { TranslateBody, type TranslateBodyProps } from './TranslateBody';

export interface TranslatePanelProps extends TranslateBodyProps {
  refusal: string | null;
  placement: Placement;
  theme: 'light' | 'dark' | null;
  onClose(): void;
}

/** The in-page translation panel: the shared panel frame (lib/page-panel), a translation inside (TranslateBody). */
export function TranslatePanel({ job, refusal, placement, theme, onClose, ...body }: TranslatePanelProps) {
  return (
    <PanelFrame title="Hearth translation" placement={placement} theme={theme} refusal={refusal} onClose={onClose}>
      <TranslateBody job={refusal ? null : job} {...body} />
    </PanelFrame>
  );
}
