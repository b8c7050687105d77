/**
 * Takes reasoning blocks out of a model's streamed answer. Qwen3 (and other "thinking" models) may write
 * `<think>…</think>` before answering; Hearth asks them not to (the chat template's enable_thinking=false, see
 * lib/llm/cpu/tokenizer/chat.ts), and this filter is the guard for when a model thinks anyway: a summary or an
 * answer shows only what follows the block. Tags can arrive split across chunks ("<thi" + "nk>"), so a possible
 * tag's start is held back until the next chunk says what it is. A block that never closes hides the rest of the
 * answer: what is inside is the model's reasoning, not its answer.
 */
const OPEN = '<think>';
const CLOSE = '</think>';

export interface ThinkFilter {
  /** The visible part of a new chunk (may be empty while a tag or a block is pending). */
  push(chunk: string): string;
  /** At the end of the answer: what was held back as a possible tag and was not one. */
  end(): string;
}

/** How many characters at the end of `text` could be the start of `tag` (held back until the next chunk). */
function partialTagAt(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (tag.startsWith(text.slice(text.length - n))) return n;
  return 0;
}

export function createThinkFilter(): ThinkFilter {
  let held = ''; // text not yet decided: a possible tag's start, or (inside a block) everything since <think>
  let inside = false;
  // After a block closes, the blank lines the model puts before its answer are dropped too.
  let trimNext = false;

  function push(chunk: string): string {
    let text = held + chunk;
    held = '';
    let out = '';
    for (;;) {
      if (inside) {
        const close = text.indexOf(CLOSE);
        if (close < 0) {
          held = text.slice(text.length - partialTagAt(text, CLOSE)); // the rest of the block is dropped
          return out;
        }
        text = text.slice(close + CLOSE.length);
        inside = false;
        trimNext = true;
      }
      if (trimNext) {
        text = text.replace(/^\s+/, '');
        if (!text) return out; // still blank: keep trimming in the next chunk
        trimNext = false;
      }
      const open = text.indexOf(OPEN);
      if (open < 0) {
        const keep = partialTagAt(text, OPEN);
        held = text.slice(text.length - keep);
        return out + text.slice(0, text.length - keep);
      }
      out += text.slice(0, open);
      text = text.slice(open + OPEN.length);
      inside = true;
    }
  }

  return {
    push,
    end() {
      const rest = inside ? '' : held;
      held = '';
      return rest;
    },
  };
}
