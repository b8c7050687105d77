import { TINY_WORDS } from './make-tiny-llama-gguf.mjs';

/**
 * What the tiny test model writes, greedily, after `prompt` (its chat template only concatenates contents).
 * Its rule: the answer continues the count from the prompt's last token when that token is a number word
 * ("▁three": a word after a space, or at the very start, where SentencePiece adds the space), and starts at
 * " one" after any other token; it stops after " twenty".
 */
export function tinyGreedyContinuation(prompt: string): string {
  const m = new RegExp(`(?:^| )(${TINY_WORDS.join('|')})$`).exec(prompt);
  const from = m ? TINY_WORDS.indexOf(m[1]!) + 1 : 0;
  return TINY_WORDS.slice(from).map((w) => ` ${w}`).join('');
}
