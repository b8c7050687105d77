import type { TranslateState } from './translate-session';
import { hostWaitText } from '../../page-panel/wait-status';
import { languageName } from '../languages';

/** The panel's status line, languages by name in the user's language. */
export function translateStatus(state: TranslateState, to: string, locale: string): string {
  const into = languageName(to, locale);
  const from = state.from ? `${languageName(state.from, locale)}${state.detectedBy === 'detector' ? ' (detected)' : ''}` : null;
  const by = state.route === 'translator' ? "Chrome's translator, on this device" : "Hearth's model, on this device";
  switch (state.phase) {
    case 'starting':
      return 'Finding the language…';
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
    default:
      return hostWaitText(state.phase, state);
  }
}
