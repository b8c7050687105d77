import { describe, expect, it } from 'vitest';
import { describeRead, statusText } from './status-text';
import { initialSummaryState, applySummaryPatch } from './summary-session';

const read = { source: 'page' as const, words: 12345, chars: 80_000 };

describe('panel texts', () => {
  it('says what was read', () => {
    expect(describeRead(read)).toBe('Page · 12,345 words');
    expect(describeRead({ ...read, method: 'visible-text' })).toMatch(/no article found/);
    expect(describeRead({ source: 'selection', words: 1, chars: 3, inFrame: true })).toBe('Selection (in a frame) · 1 word');
    expect(describeRead({ source: 'selection', words: 2, chars: 3, fromChrome: true })).toMatch(/may be shortened/);
    expect(describeRead({ source: 'page', words: 3, chars: 9, pasted: true })).toBe('Pasted text · 3 words');
  });
  it('follows the run from loading to the end, always saying how much was read', () => {
    const s = (patch: object) => applySummaryPatch(initialSummaryState, patch);
    expect(statusText(s({ phase: 'loading', progress: { modelId: 'm', loadedBytes: 5 * 1024 * 1024, totalBytes: 20 * 1024 * 1024, phase: 'download' } }), read)).toBe('Loading the model: 25% (5.0 MB of 20 MB)');
    expect(statusText(s({ phase: 'queued', queuedBehind: 2 }), read)).toBe('Waiting for 2 other requests to finish…');
    expect(statusText(s({ phase: 'reading', step: { stage: 'read', index: 3, total: 12 } }), read)).toBe('Reading part 3 of 12…');
    expect(statusText(s({ phase: 'reading', step: { stage: 'read', index: 3, total: 12 }, reading: { doneTokens: 340, totalTokens: 1020, secondsLeft: 40, estimated: false } }), read)).toBe('Reading part 3 of 12: 340 of 1,020 tokens · about 40 s left');
    expect(statusText(s({ phase: 'writing', step: { stage: 'final', index: 1, total: 1 }, reading: { doneTokens: 340, totalTokens: 1020, secondsLeft: 40, estimated: false } }), read)).toBe('Reading 340 of 1,020 tokens · about 40 s left');
    expect(statusText(s({ phase: 'writing', step: { stage: 'final', index: 1, total: 1 } }), read)).toBe('Writing the summary…');
    expect(statusText(s({ phase: 'done', parts: 12 }), read)).toBe('Read all 12,345 words in 12 parts.');
    expect(statusText(s({ phase: 'done', parts: 1 }), read)).toBe('Read all 12,345 words.');
    expect(statusText(s({ phase: 'stopped', parts: 3, charsRead: 20_000 }), read)).toBe('Stopped after reading 25% of the text (3 parts).');
    expect(statusText(s({ phase: 'error', error: 'x' }), read)).toBe('No summary.');
    expect(statusText(s({ phase: 'error', error: 'x', summary: ' one two' }), read)).toBe('The summary was cut off; what was written is kept above.');
  });
  it('says no time left until the reading speed is known (not "almost done" at 48 of 894 tokens)', async () => {
    const { createReadingTracker } = await import('../../ui-kit/reading-estimate');
    let t = 0;
    const tracker = createReadingTracker({ now: () => t });
    tracker.update({ doneTokens: 0, totalTokens: 0 });
    t += 5;
    tracker.update({ doneTokens: 48, totalTokens: 894 }); // what the engine's cache held: no reading speed in it
    const writing = applySummaryPatch(initialSummaryState, { phase: 'writing', step: { stage: 'final', index: 1, total: 1 }, reading: tracker.estimate() });
    expect(statusText(writing, read)).toBe('Reading 48 of 894 tokens');
    const part = applySummaryPatch(initialSummaryState, { phase: 'reading', step: { stage: 'read', index: 1, total: 3 }, reading: tracker.estimate() });
    expect(statusText(part, read)).toBe('Reading part 1 of 3: 48 of 894 tokens');
  });

  it('clears the queue position once writing', () => {
    let st = applySummaryPatch(initialSummaryState, { phase: 'queued', queuedBehind: 1 });
    expect(st.queuedBehind).toBe(1);
    st = applySummaryPatch(st, { phase: 'writing', summary: ' one' });
    expect(st).toMatchObject({ summary: ' one', queuedBehind: 0 });
  });
});
