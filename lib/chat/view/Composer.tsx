import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  busy: boolean;
  onSend(text: string): Promise<boolean>;
  onStop(): void;
}

/** Enter sends, Shift+Enter is a new line; the text stays if sending fails. */
export function Composer({ busy, onSend, onStop }: Props) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function send() {
    if (busy) return;
    if (await onSend(text)) setText('');
    input.current?.focus();
  }

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label for="prompt" class="sr-only">
        Message
      </label>
      <textarea
        id="prompt"
        ref={input}
        value={text}
        rows={2}
        placeholder="Ask anything — it stays on this device"
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      {busy ? (
        <button type="button" class="stop" onClick={onStop}>
          Stop
        </button>
      ) : (
        <button type="submit" class="primary">
          Send
        </button>
      )}
    </form>
  );
}
