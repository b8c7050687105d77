/** Closes a panel; `refocus` false leaves the focus where it is. */
type Close = (refocus?: boolean) => void;

export interface PanelSlot<T> {
  /** The global the background sets in this isolated world just before injecting (scripting.executeScript). */
  trigger: string;
  /** The global that keeps the close of the panel shown last. */
  close: string;
  /** The trigger when none was set (a summary or translation of the whole page); none: nothing opens. */
  fallback?: T;
  /** Whether closing the older panel gives the focus back (not when the new request is about the focused field). */
  refocusOld?: boolean;
}

/**
 * One panel per tab, its life kept in the isolated world (nothing the page does can end it): take the trigger once,
 * close the panel an earlier injection showed, open the new one and keep its close for the next injection.
 */
export async function replacePanel<T>(slot: PanelSlot<T>, open: (trigger: T) => Promise<Close>, world: object = globalThis): Promise<void> {
  const g = world as Record<string, unknown>;
  const trigger = (g[slot.trigger] as T | undefined) ?? slot.fallback;
  g[slot.trigger] = undefined;
  if (trigger === undefined) return;
  (g[slot.close] as Close | undefined)?.(slot.refocusOld ?? true);
  g[slot.close] = await open(trigger);
}
