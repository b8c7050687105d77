import { TINY_ECHO_WORDS, TINY_WORDS } from './tiny-llama-gguf';

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

/**
 * What the `echo` tiny model writes after `prompt` (see make-tiny-llama-gguf.mjs): when the prompt ends in a
 * non-word, it continues the chain after the earliest-listed chain word that stands as a token of its own
 * anywhere in the prompt (after a space, or at the very start), or starts at the first word when there is none.
 */
export function tinyEchoContinuation(prompt: string): string {
  const seen = TINY_ECHO_WORDS.findIndex((w) => new RegExp(`(?:^| )${w}`).test(prompt));
  return TINY_ECHO_WORDS.slice(seen + 1).map((w) => ` ${w}`).join('');
}
