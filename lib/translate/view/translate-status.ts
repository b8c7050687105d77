import type { TranslateState } from './translate-session';
import { formatBytes, waitingText } from '../../ui-kit/format';
import { languageName } from '../languages';

/** The panel's status line, languages by name in the user's language. */
export function translateStatus(state: TranslateState, to: string, locale: string): string {
  const into = languageName(to, locale);
  const from = state.from ? `${languageName(state.from, locale)}${state.detectedBy === 'detector' ? ' (detected)' : ''}` : null;
  const by = state.route === 'translator' ? "Chrome's translator, on this device" : "Hearth's model, on this device";
  switch (state.phase) {
    case 'starting':
      return 'Finding the language…';
    case 'queued':
      return waitingText(state.queuedBehind);
    case 'loading': {
      const p = state.progress;
      if (!p || p.phase === 'init' || !p.totalBytes) return 'Loading the model…';
      return `Loading the model: ${Math.floor((100 * p.loadedBytes) / p.totalBytes)}% (${formatBytes(p.loadedBytes)} of ${formatBytes(p.totalBytes)})`;
    }
    case 'translating':
      return `Translating${from ? ` from ${from}` : ''} into ${into} with ${by}…`;
    case 'done':
      return `Translated${from ? ` from ${from}` : ''} into ${into} with ${by}.`;
    case 'stopped':
      return 'Stopped; what was translated is kept above.';
    case 'same-language':
      return `This text is already in ${into}. Choose another language to translate it into.`;
    case 'error':
      return state.text ? 'The translation was cut off; what was written is kept above.' : 'No translation.';
  }
}
