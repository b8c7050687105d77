import { useEffect, useState } from 'preact/hooks';

/** What chrome.commands.getAll reports for one command. */
export interface CommandInfo {
  name?: string;
  description?: string;
  /** Empty when the user removed the key (or Chrome could not give the suggested one). */
  shortcut?: string;
}

export interface CommandsLike {
  getAll(): Promise<CommandInfo[]>;
}

/** Keys by command name, read from Chrome, so a key the user changed at chrome://extensions/shortcuts shows as it is. */
export type Shortcuts = Record<string, string>;

export async function readShortcuts(commands: CommandsLike): Promise<Shortcuts> {
  const all = await commands.getAll();
  return Object.fromEntries(all.filter((c) => c.name && c.shortcut).map((c) => [c.name!, c.shortcut!]));
}

/** "Summarize this page (Alt+Shift+G)", or the label alone when the command has no key. */
export const withShortcut = (label: string, shortcuts: Shortcuts, command: string) =>
  shortcuts[command] ? `${label} (${shortcuts[command]})` : label;

/** The extension's shortcuts, read once per view. */
export function useShortcuts(commands: CommandsLike | undefined = browser.commands as CommandsLike | undefined): Shortcuts {
  const [shortcuts, setShortcuts] = useState<Shortcuts>({});
  useEffect(() => {
    if (!commands) return;
    let live = true;
    readShortcuts(commands).then((s) => live && setShortcuts(s), () => {});
    return () => void (live = false);
  }, [commands]);
  return shortcuts;
}
