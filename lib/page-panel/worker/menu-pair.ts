/** The extension APIs a panel's context-menu items and shortcuts use (WXT's `browser`); `I` the click info, `T` the tab. */
export interface MenuBrowser<I, T> {
  runtime: { onInstalled: { addListener(cb: () => void): void } };
  contextMenus: {
    create(props: { id: string; title: string; contexts: ['selection'] | ['page'] }): unknown;
    onClicked: { addListener(cb: (info: { menuItemId: string | number } & I, tab?: T) => void): void };
  };
  commands: {
    onCommand: { addListener(cb: (command: string, tab?: T) => void): void };
    getAll?(): Promise<{ name?: string; shortcut?: string }[]>;
  };
}

/** One name for the selection's and one for the whole page's variant. */
export interface ModePair {
  selection: string;
  page: string;
}

/** Each command's key as Chrome reports it (the user may have changed it); none when Chrome will not say. */
export async function commandKeys(commands: Pick<MenuBrowser<unknown, unknown>['commands'], 'getAll'>): Promise<Record<string, string | undefined>> {
  return Object.fromEntries(((await commands.getAll?.().catch(() => [])) ?? []).map((c) => [c.name, c.shortcut]));
}

/**
 * A panel's two context-menu items (the selection's, the page's; each says which key does the same) and its two
 * commands, all running `run(mode, tab, info)`.
 */
export function registerModeMenus<I, T>(
  b: MenuBrowser<I, T>,
  names: { menu: ModePair; commands: ModePair; titles: ModePair },
  run: (mode: 'selection' | 'page', tab: T | undefined, info?: I) => void,
): void {
  const { menu, commands, titles } = names;
  b.runtime.onInstalled.addListener(async () => {
    const keys = await commandKeys(b.commands);
    const label = (title: string, command: string) => (keys[command] ? `${title} (${keys[command]})` : title);
    b.contextMenus.create({ id: menu.selection, title: label(titles.selection, commands.selection), contexts: ['selection'] });
    b.contextMenus.create({ id: menu.page, title: label(titles.page, commands.page), contexts: ['page'] });
  });
  b.contextMenus.onClicked.addListener((info, tab) => {
    const mode = info.menuItemId === menu.selection ? 'selection' : info.menuItemId === menu.page ? 'page' : null;
    if (mode) run(mode, tab, info);
  });
  b.commands.onCommand.addListener((command, tab) => {
    const mode = command === commands.selection ? 'selection' : command === commands.page ? 'page' : null;
    if (mode) run(mode, tab);
  });
}
