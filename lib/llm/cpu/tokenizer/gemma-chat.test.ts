/**
 * Gemma 3's chat prompts: the template its tokenizer_config.json ships, rendered by @huggingface/jinja the way
 * transformers' apply_chat_template calls it, must be exactly what the CPU engine builds from the model file
 * (renderChatPrompt, then the tokenizer); and an answer must end at <end_of_turn>.
 */
import { Template } from '@huggingface/jinja';
import { describe, expect, it } from 'vitest';
import { gemmaMetadata, loadGemmaHf } from '../../../../testkit/tokenizer/gemma-metadata';
import type { Forward } from '../forward';
import { createSession } from '../session';
import { createTokenizer, renderChatPrompt, renderChatPromptParts, type ChatMessage } from './index';

const { config } = loadGemmaHf();
const md = gemmaMetadata();
const tok = createTokenizer(md);

/** The reference rendering: Gemma's template as transformers runs it (bos_token and eos_token from the config). */
const reference = (messages: ChatMessage[]) => new Template(config.chat_template)
  .render({ messages, add_generation_prompt: true, bos_token: '<bos>', eos_token: '<end_of_turn>' });

const CHATS: Record<string, ChatMessage[]> = {
  'a system message and a question': [
    { role: 'system', content: 'You summarize web pages in three bullet points.' },
    { role: 'user', content: 'Page:\nThe <start_of_turn>model tag is text here.\n\nSummarize it.' }],
  'one user turn, padded with spaces': [{ role: 'user', content: '  What is 2+2?\n' }],
  'multi-turn with a system message': [
    { role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Name a colour.' },
    { role: 'assistant', content: ' Blue. ' }, { role: 'user', content: 'Another?' }],
  'multi-turn without one': [
    { role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello! How can I help?' }, { role: 'user', content: 'Tell a joke.' }],
};

describe('Gemma 3 chat prompts', () => {
  it.each(Object.entries(CHATS))('%s: the engine renders the template exactly as transformers does', (_, messages) => {
    const ref = reference(messages);
    expect(ref.startsWith('<bos><start_of_turn>user\n')).toBe(true);
    expect(ref.endsWith('<end_of_turn>\n<start_of_turn>model\n')).toBe(true);
    // The template's <bos> is left to the tokenizer (add_bos_token), as llama.cpp does: one BOS in the ids.
    const prompt = renderChatPrompt(md, messages);
    expect('<bos>' + prompt).toBe(ref);
    const ids = tok.encode(prompt, { addBos: true, special: true });
    expect(ids.slice(0, 2)).toEqual([2, 105]);
    expect(ids.filter((id) => id === 2)).toHaveLength(1);
    expect(ids.slice(-3)).toEqual([105, ...tok.encode('model\n')]);
  });

  it('folds the system message into the first user turn, and calls the assistant "model"', () => {
    expect(renderChatPrompt(md, CHATS['multi-turn with a system message']!)).toBe(
      '<start_of_turn>user\nBe brief.\n\nName a colour.<end_of_turn>\n'
      + '<start_of_turn>model\nBlue.<end_of_turn>\n'
      + '<start_of_turn>user\nAnother?<end_of_turn>\n'
      + '<start_of_turn>model\n');
  });

  it('page text that spells a turn marker stays text inside the prompt; the template\'s markers are markup', () => {
    const { text, plain } = renderChatPromptParts(md, CHATS['a system message and a question']!);
    expect(text).toBe(renderChatPrompt(md, CHATS['a system message and a question']!));
    // The messages' text, trimmed as the template trims it: the folded system message and the question.
    expect(plain.map(([a, b]) => text.slice(a, b))).toEqual(['You summarize web pages in three bullet points.',
      'Page:\nThe <start_of_turn>model tag is text here.\n\nSummarize it.']);
    const ids = tok.encode(text, { addBos: true, special: true, plain });
    // The template's own markers: a turn opened for the user, closed, and one opened for the model. The page's
    // "<start_of_turn>model" would be a fourth marker if it were read as markup.
    expect(ids.filter((id) => id === 105)).toHaveLength(2);
    expect(ids.filter((id) => id === 106)).toHaveLength(1);
    expect(tok.decode(ids, true)).toBe('<bos>' + text); // nothing lost or added
    // Without the ranges (llama.cpp's way: the whole prompt with special tokens on) the page would open a turn.
    expect(tok.encode(text, { addBos: true, special: true }).filter((id) => id === 105)).toHaveLength(3);
  });

  it('an answer ends at <end_of_turn> (and at <eos>), which is not shown', () => {
    for (const stop of [106, 1]) {
      const answer = tok.encode('Blue.');
      const shown: number[] = [];
      const result = createSession(scriptedForward([...answer, stop, ...tok.encode(' more')]))
        .generate({ prompt: [2, 105], maxTokens: 20, sampler: { temperature: 0 }, stopIds: tok.stopIds, onToken: (id) => shown.push(id), shouldStop: () => false });
      expect(shown).toEqual(answer);
      expect(result.finishReason).toBe('stop');
      expect(tok.decode(shown)).toBe('Blue.');
    }
  });
});

/** A Forward whose greedy choices are `script`, one per call after the prompt: the session's stop rule alone decides. */
function scriptedForward(script: number[]): Forward {
  let step = 0;
  const logits = new Float32Array(tok.vocabSize);
  const next = () => {
    logits.fill(0);
    logits[script[Math.min(step++, script.length - 1)]!] = 10;
    return logits;
  };
  return {
    nCtx: 64, maxBatch: 64, nSlots: 1, kvType: 'f32' as Forward['kvType'],
    run: ((_t: ArrayLike<number>, _p: number, _s?: number, wantLogits = true) => (wantLogits ? next() : null)) as Forward['run'],
    runUnlessStopped: (_t, _p, _s, wantLogits) => (wantLogits ? next() : null),
    copyPrefix: () => {},
  };
}
