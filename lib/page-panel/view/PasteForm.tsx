import { useState } from 'preact/hooks';

export interface PasteFormProps {
  /** What the pasted text is for, as the button says it: "Summarize", "Translate". */
  verb: string;
  /** Lower case for the labels: "summarize", "translate". */
  what: string;
  open: boolean;
  id: string;
  textTestId: string;
  submitTestId: string;
  onSubmit(text: string): void;
}

/** The side panel's "Or paste text to …" box, for a page whose text Hearth cannot read. */
export function PasteForm({ verb, what, open, id, textTestId, submitTestId, onSubmit }: PasteFormProps) {
  const [pasted, setPasted] = useState('');
  return (
    <details class="hearth-paste" open={open}>
      <summary>Or paste text to {what}</summary>
      <form onSubmit={(e) => { e.preventDefault(); onSubmit(pasted); }}>
        <label for={id} class="sr-only">Text to {what}</label>
        <textarea id={id} data-testid={textTestId} rows={6} value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} />
        <button type="submit" data-testid={submitTestId}>{verb} pasted text</button>
      </form>
    </details>
  );
}
