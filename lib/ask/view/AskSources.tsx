import { useState } from 'preact/hooks';
import { parseCitations } from '../citations';
import { citePage } from '../../pdf/passages';
import type { CitedPassage } from '../source';
import { TabClosedError, type TabAccess } from './tab-access';

const quote = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 110 ? `${flat.slice(0, flat.lastIndexOf(' ', 110) > 60 ? flat.lastIndexOf(' ', 110) : 110)}…` : flat;
};

/**
 * Under an answer: the passages it cites (or, when it cites none, every passage it was given), each naming its tab
 * and quoting its start. A click switches to the tab, scrolls to the passage and highlights it there.
 */
export function AskSources({ passages, answer, streaming, access }: { passages: CitedPassage[]; answer: string; streaming: boolean; access: TabAccess }) {
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [shown, setShown] = useState<number | null>(null);
  if (streaming && !answer) return null;
  const { cited } = parseCitations(answer, passages.length);
  const list = cited.length ? cited.map((n) => passages[n - 1]!) : passages;

  async function open(p: CitedPassage) {
    try {
      const found = await access.show(p);
      setShown(found && p.page === undefined ? p.tabId : null);
      setNotes((s) => ({ ...s, [p.n]: found ? '' : 'The page no longer shows this passage.' }));
    } catch (err) {
      setNotes((s) => ({ ...s, [p.n]: err instanceof TabClosedError ? 'This tab was closed.' : (err as Error).message }));
    }
  }

  return (
    <div class="ask-cited-list" data-testid="ask-sources">
      <p class="muted">{cited.length ? 'Sources' : 'The answer cites no source; the passages it was given:'}</p>
      <ol class="ask-cited">
        {list.map((p) => (
          <li key={p.n} data-testid="ask-source-item" data-n={p.n}>
            <button type="button" onClick={() => void open(p)} title={p.page === undefined ? p.url : `Opens ${citePage(p.page)} in the PDF viewer (it cannot highlight the passage). ${p.url}`}>
              <span class="n">[{p.n}]</span>
              {p.title || 'Untitled tab'}
              {p.page !== undefined ? ` · ${citePage(p.page)}` : ''}
              <span class="quote">“{quote(p.text)}”</span>
            </button>
            {notes[p.n] && <p class="error" data-testid="ask-source-note">{notes[p.n]}</p>}
          </li>
        ))}
      </ol>
      {shown !== null && (
        <button type="button" class="small" onClick={() => void access.clear(shown).then(() => setShown(null))}>
          Clear highlight
        </button>
      )}
    </div>
  );
}
