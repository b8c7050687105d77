import type { AskPage, PageRead } from './ask-page';

import type { Highlighted } from './ask-page';

/** What one injection of the Ask script does; absent means read. A highlight names the page its passage came from. */
export type AskCommand = { op: 'read' } | { op: 'highlight'; text: string; url: string } | { op: 'clear' };

export function runAskCommand(ask: AskPage, command: AskCommand | undefined): PageRead | Highlighted | null {
  if (!command || command.op === 'read') return ask.read();
  if (command.op === 'highlight') return ask.highlight(command.text, command.url);
  ask.clear();
  return null;
}
