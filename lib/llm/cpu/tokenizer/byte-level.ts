/**
 * GPT-2's byte-level alphabet: every byte gets a printable character so byte strings can live in a text vocabulary
 * (printable Latin-1 bytes stand for themselves, the rest map to U+0100 upward in byte order; space becomes "Ġ").
 */

const byteToChar: string[] = new Array(256);
const charToByte = new Map<number, number>();
{
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let next = 0x100;
  for (let b = 0; b < 256; b++) {
    const cp = printable(b) ? b : next++;
    byteToChar[b] = String.fromCharCode(cp);
    charToByte.set(cp, b);
  }
}

const utf8 = new TextEncoder();

/** A piece of text in the byte-level alphabet (what a gpt2-style vocabulary and its merges are written in). */
export function toByteLevel(text: string): string {
  const bytes = utf8.encode(text);
  let out = '';
  for (const b of bytes) out += byteToChar[b];
  return out;
}

/** The bytes a byte-level token stands for. Characters outside the alphabet (rare, hand-added tokens) keep their UTF-8. */
export function fromByteLevel(token: string): Uint8Array {
  const out: number[] = [];
  for (const ch of token) {
    const b = charToByte.get(ch.codePointAt(0)!);
    if (b !== undefined) out.push(b);
    else for (const x of utf8.encode(ch)) out.push(x);
  }
  return Uint8Array.from(out);
}
