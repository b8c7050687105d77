import { useEffect } from 'preact/hooks';

export interface Undoable {
  /** "Deleted “Bread recipe”." */
  message: string;
  undo(): void;
  /** Changes per deletion, so a second delete restarts the timer. */
  key: string;
}

/** A deletion the user can take back for a few seconds (the data is already gone; Undo puts it back). */
export function UndoBar({ item, onDone, ms = 8000 }: { item: Undoable | null; onDone(): void; ms?: number }) {
  useEffect(() => {
    if (!item) return;
    const t = setTimeout(onDone, ms);
    return () => clearTimeout(t);
  }, [item?.key]);
  if (!item) return null;
  return (
    <p class="notice undo" role="status" data-testid="undo-bar">
      {item.message}{' '}
      <button type="button" class="small" onClick={() => { item.undo(); onDone(); }}>Undo</button>
    </p>
  );
}
