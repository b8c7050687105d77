/**
 * An answer's text from the CPU worker, a post at most every `everyMs`: each post wakes the offscreen document, then
 * the port to the page or panel showing it, then that page (processes that share the 2 cores the kernels run on).
 * A post is sent at once when the last one is `everyMs` old (the first token never waits), else the text waits for
 * the next token that is, or for `flush` (the answer's end). Decoding is synchronous in the worker, so nothing here
 * needs a timer: text waits at most one token.
 */
export function createTextBatcher(post: (text: string) => void, everyMs: number, now: () => number = () => performance.now()) {
  let held = '';
  let last = -Infinity;
  return {
    push(text: string) {
      held += text;
      const t = now();
      if (t - last < everyMs) return;
      last = t;
      const out = held;
      held = '';
      post(out);
    },
    flush() {
      if (!held) return;
      const out = held;
      held = '';
      last = now();
      post(out);
    },
  };
}

/** How often the CPU worker posts an answer's text: ~30 posts a second, smooth to the eye. */
export const TEXT_POST_MS = 33;
