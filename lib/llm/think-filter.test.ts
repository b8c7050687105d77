import { describe, expect, it } from 'vitest';
import { createThinkFilter } from './think-filter';

/** The filter's whole output for `chunks`, streamed one after another. */
const run = (chunks: string[]) => {
  const f = createThinkFilter();
  return chunks.map((c) => f.push(c)).join('') + f.end();
};
/** Every way of cutting `text` in two, and in three at neighbouring points: a tag may be split anywhere. */
function* splits(text: string): Generator<string[]> {
  for (let i = 0; i <= text.length; i++) {
    yield [text.slice(0, i), text.slice(i)];
    for (let j = i; j <= Math.min(text.length, i + 9); j++) yield [text.slice(0, i), text.slice(i, j), text.slice(j)];
  }
}

describe('createThinkFilter', () => {
  it('drops a leading reasoning block and the blank lines after it, however the stream is cut', () => {
    const text = '<think>\nThe user wants a summary. Let me see.\n</think>\n\nThe page says three things.';
    for (const chunks of splits(text)) expect(run(chunks), JSON.stringify(chunks)).toBe('The page says three things.');
    expect(run([...text])).toBe('The page says three things.'); // one character at a time
  });

  it('drops the empty block a model writes when asked not to think', () => {
    expect(run(['<think>\n\n</think>\n\nHello.'])).toBe('Hello.');
  });

  it('drops a block in the middle and keeps the text around it', () => {
    const text = 'First. <think>hmm</think> Second.';
    for (const chunks of splits(text)) expect(run(chunks), JSON.stringify(chunks)).toBe('First. Second.');
  });

  it('hides everything after a block that never closes (the answer was all reasoning)', () => {
    const text = 'Intro. <think>I should reason about </thi';
    for (const chunks of splits(text)) expect(run(chunks), JSON.stringify(chunks)).toBe('Intro. ');
  });

  it('keeps text that only looks like the start of a tag', () => {
    const text = 'a < b and <thin ice> and <th';
    for (const chunks of splits(text)) expect(run(chunks), JSON.stringify(chunks)).toBe(text);
  });

  it('passes an answer without reasoning through unchanged, chunk by chunk as it comes', () => {
    const f = createThinkFilter();
    expect(f.push('Hello, ')).toBe('Hello, ');
    expect(f.push('world <')).toBe('world '); // "<" may start a tag: held back
    expect(f.push('3.')).toBe('<3.');
    expect(f.end()).toBe('');
  });
});
