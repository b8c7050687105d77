import type { PastSummary } from '../history';

/** Past summaries: title (a link to the page), date, and the summary text behind a disclosure. */
export function PastSummaries({ items, onDelete }: { items: PastSummary[]; onDelete(item: PastSummary): void }) {
  if (items.length === 0) return <p class="muted">No summaries yet. Summaries you make appear here.</p>;
  return (
    <ul class="summaries" aria-label="Past summaries">
      {items.map((s) => (
        <li key={s.id} data-testid="past-summary">
          <details>
            <summary>
              <span class="title">{s.title}</span>
              <span class="muted"> · {new Date(s.at).toLocaleString()}</span>
            </summary>
            {s.url && (
              // Only web addresses become links: the list stores what the page reported, and a javascript: URL must not run.
              /^https?:\/\//.test(s.url) ? <a href={s.url} target="_blank" rel="noopener noreferrer" class="muted source">{s.url}</a> : <span class="muted source">{s.url}</span>
            )}
            <p class="text summary-text">{s.summary}</p>
          </details>
          <button type="button" class="small" aria-label={`Delete the summary of "${s.title}"`} onClick={() => onDelete(s)}>Delete</button>
        </li>
      ))}
    </ul>
  );
}
