import type { SummaryState } from './summary-session';
import { hostWaitText } from '../../page-panel/wait-status';
import { formatReading, formatReadingDetail } from '../../ui-kit/reading-estimate';
import type { ReadInfo } from '../read-info';

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

export function describeRead(read: ReadInfo): string {
  if (read.pages) return `PDF${read.title ? ` “${read.title}”` : ''} · ${plural(read.pages, 'page')} · ${plural(read.words, 'word')}`;
  const what = read.pasted ? 'Pasted text' : read.source === 'selection' ? (read.inFrame ? 'Selection (in a frame)' : 'Selection') : 'Page';
  const how = read.method === 'visible-text' ? ' (no article found: all visible text)' : read.fromChrome ? " (Chrome's copy; may be shortened)" : '';
  return `${what} · ${plural(read.words, 'word')}${how}`;
}

export function statusText(state: SummaryState, read: ReadInfo): string {
  switch (state.phase) {
    case 'reading': {
      const detail = state.reading && formatReadingDetail(state.reading);
      return `Reading part ${state.step!.index} of ${state.step!.total}${detail ? `: ${detail}` : '…'}`;
    }
    case 'combining':
      return `Combining notes (${state.step!.index} of ${state.step!.total})…`;
    case 'writing':
      return state.reading ? formatReading(state.reading) : 'Writing the summary…';
    case 'done':
      return `Read all ${plural(read.words, 'word')}${(state.parts ?? 1) > 1 ? ` in ${state.parts} parts` : ''}.`;
    case 'stopped': {
      const pct = read.chars ? Math.floor((100 * (state.charsRead ?? 0)) / read.chars) : 0;
      return pct >= 100 ? 'Stopped while writing the summary.' : `Stopped after reading ${pct}% of the text (${plural(state.parts ?? 0, 'part')}).`;
    }
    case 'error':
      return state.summary ? 'The summary was cut off; what was written is kept above.' : 'No summary.';
    default:
      return hostWaitText(state.phase, state, 'To summarize, Hearth needs its model on this device.');
  }
}
