import { useEffect, useRef, useState } from 'preact/hooks';

/** Edit a sent message in place: Resend replaces it (and the answers after it); Esc or Cancel keeps it as it was. */
export function MessageEditor({ text, onResend, onCancel }: { text: string; onResend(text: string): Promise<boolean>; onCancel(): void }) {
  const [draft, setDraft] = useState(text);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <form
      class="edit"
      onSubmit={(e) => {
        e.preventDefault();
        void onResend(draft).then((sent) => sent && onCancel());
      }}
    >
      <label class="sr-only" for="edit-message">Edit your message</label>
      <textarea id="edit-message" ref={box} rows={3} value={draft} onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }
        }} />
      <div class="msg-actions">
        <button type="submit" class="small primary">Resend</button>
        <button type="button" class="small" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
