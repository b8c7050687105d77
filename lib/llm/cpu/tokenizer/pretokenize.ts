/**
 * Byte-level BPE splits text into words with regexes before merging (llama.cpp's regex_exprs per
 * tokenizer.ggml.pre). Several regexes apply one after another: each splits every piece the previous one left,
 * and both the matches and the text between them become pieces.
 * `\s` is written as \p{White_Space} (JS's \s also counts U+FEFF, which Unicode and llama.cpp do not).
 */

const S = '\\p{White_Space}';
const NS = '\\P{White_Space}';
/** 's 't 're 've 'm 'll 'd in any case (the tokenizer.json regex has them under (?i:…)). */
const CONTRACTIONS = "'(?:[sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])";
const GPT2 = `'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^${S}\\p{L}\\p{N}]+|${S}+(?!${NS})`;
const llama3Like = (digits: string) =>
  `${CONTRACTIONS}|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}${digits}| ?[^${S}\\p{L}\\p{N}]+[\\r\\n]*|${S}*[\\r\\n]+|${S}+(?!${NS})|${S}+`;

const PATTERNS: Record<string, string[]> = {
  llama3: [llama3Like('{1,3}')],
  qwen2: [llama3Like('')],
  smollm: ['\\p{N}', GPT2],
  gpt2: [GPT2],
  default: ['[\\p{P}\\$\\+<=>\\^~\\|]+', GPT2, '\\p{N}+', '[0-9][0-9][0-9]'],
};
const ALIASES: Record<string, string> = {
  'llama-bpe': 'llama3', 'llama-v3': 'llama3', llama3: 'llama3', falcon3: 'llama3', pixtral: 'llama3', dbrx: 'llama3',
  smaug: 'llama3', 'smaug-bpe': 'llama3', qwen2: 'qwen2', 'deepseek-r1-qwen': 'qwen2', megrez: 'qwen2', stablelm2: 'qwen2',
  smollm: 'smollm', starcoder: 'smollm', refact: 'smollm', 'command-r': 'smollm', codeshell: 'smollm', exaone: 'smollm',
  'gpt-2': 'gpt2', gpt2: 'gpt2', 'phi-2': 'gpt2', mpt: 'gpt2', olmo: 'gpt2', jais: 'gpt2',
};

export function preTokenizerFor(pre: string): (text: string) => string[] {
  const regexes = PATTERNS[ALIASES[pre] ?? 'default']!.map((p) => new RegExp(p, 'gu'));
  return (text) => {
    let pieces = [text];
    for (const re of regexes) {
      const out: string[] = [];
      for (const piece of pieces) {
        let last = 0;
        re.lastIndex = 0;
        for (let m = re.exec(piece); m; m = re.exec(piece)) {
          if (m[0].length === 0) { re.lastIndex++; continue; }
          if (m.index > last) out.push(piece.slice(last, m.index));
          out.push(m[0]);
          last = m.index + m[0].length;
        }
        if (last < piece.length) out.push(piece.slice(last));
      }
      pieces = out;
    }
    return pieces;
  };
}
