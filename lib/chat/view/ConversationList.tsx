import type { Conversation } from '../chat-store';

interface Props {
  conversations: Conversation[];
  currentId: string | null;
  onOpen(id: string): void;
  onDelete(id: string): void;
}

export function ConversationList({ conversations, currentId, onOpen, onDelete }: Props) {
  if (conversations.length === 0) return <p class="muted">No conversations yet.</p>;
  return (
    <ul class="conversations" aria-label="Past conversations">
      {conversations.map((c) => (
        <li key={c.id} class={c.id === currentId ? 'current' : ''}>
          <button type="button" class="link" onClick={() => onOpen(c.id)}>
            {c.title}
            <span class="muted"> · {new Date(c.updatedAt).toLocaleString()}</span>
          </button>
          <button type="button" class="small" aria-label={`Delete "${c.title}"`} onClick={() => onDelete(c.id)}>
            Delete
          </button>
        </li>
      ))}
    </ul>
  );
}
