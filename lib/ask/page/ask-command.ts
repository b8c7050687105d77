import type { AskPage, PageRead } from './ask-page';

/** What one injection of the Ask script does; absent means read. */
export type AskCommand = { op: 'read' } | { op: 'highlight'; text: string } | { op: 'clear' };

export function runAskCommand(ask: AskPage, command: AskCommand | undefined): PageRead | boolean | null {
  if (!command || command.op === 'read') return ask.read();
  if (command.op === 'highlight') return ask.highlight(command.text);
  ask.clear();
  return null;
}
