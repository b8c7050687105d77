import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { StoredMessage } from '../chat-store';
import { renderMarkdown } from './markdown';
import { waitingText } from '../../ui-kit/format';
import { MessageEditor } from './MessageEditor';

const statusText: Record<string, string> = {
  stopped: 'Stopped.',
  interrupted: 'Interrupted: the browser closed before this answer finished.',
};

/** One message. The model's text is rendered as sanitized markdown; the user's as plain text. */
export function MessageView({ message, streaming, waiting = null, onEdit }: { message: StoredMessage; streaming: boolean; waiting?: number | null; onEdit?(text: string): Promise<boolean> }) {
  const [copied, setCopied] = useState(false);
  const [editing, setEditing] = useState(false);
  const markdown = useRef<HTMLDivElement>(null);
  // The sanitized nodes go in as nodes (adopted, not re-parsed from HTML): see renderMarkdown.
  useLayoutEffect(() => {
    if (message.role === 'assistant') markdown.current?.replaceChildren(renderMarkdown(message.content));
  }, [message.content, message.role]);
  const stats = message.stats;
  return (
    <article class={`msg ${message.role}`} data-id={message.id} data-testid={`msg-${message.role}`} data-status={message.status ?? ''} aria-busy={streaming}>
      <h3 class="sr-only">{message.role === 'user' ? 'You' : 'Hearth'}</h3>
      {message.role === 'user' && editing && onEdit ? (
        <MessageEditor text={message.content} onResend={onEdit} onCancel={() => setEditing(false)} />
      ) : message.role === 'user' ? (
        <>
          <p class="text">{message.content}</p>
          {onEdit && (
            <button type="button" class="small edit-button" title="Edit this message and send it again" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
        </>
      ) : (
        // Filled by the effect above with renderMarkdown's nodes: only formatting tags, safe links, no images or handlers.
        <div class="text markdown" ref={markdown} />
      )}
      {streaming && !message.content && (
        <p class="muted" data-testid="waiting">
          {waiting ? waitingText(waiting) : 'Thinking…'}
        </p>
      )}
      {message.status && statusText[message.status] && <p class="muted">{statusText[message.status]}</p>}
      {message.status === 'error' && <p class="error" role="alert">{message.error}</p>}
      {message.role === 'assistant' && !streaming && message.content && (
        <div class="msg-actions">
          <button
            type="button"
            class="small"
            onClick={() => void navigator.clipboard.writeText(message.content).then(() => setCopied(true))}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          {stats && stats.finishReason !== 'aborted' && stats.decodeTokensPerSec ? (
            <span class="muted">
              {stats.completionTokens} tokens · {stats.decodeTokensPerSec.toFixed(1)} tok/s
            </span>
          ) : null}
        </div>
      )}
    </article>
  );
}
