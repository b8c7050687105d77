import { beforeAll, describe, expect, it } from 'vitest';
import { loadRelatedWords, relatedWords } from './related-words';
import TABLE from './related-words.txt?raw';

describe('relatedWords (WordNet and word-vector table)', () => {
  beforeAll(loadRelatedWords);

  it('gives synonyms and topical neighbours with weights between 0 and 1', () => {
    const web = relatedWords(['web']);
    expect(web.get('internet')).toBeGreaterThan(0.5);
    for (const w of web.values()) expect(w > 0 && w <= 1).toBe(true);
    expect(relatedWords(['faith']).has('religion')).toBe(true);
  });

  it('looks up two question words in a row as a phrase, plural or not', () => {
    expect(relatedWords(['power', 'stations']).has('plant')).toBe(true);
    expect(relatedWords(['power', 'station']).has('plant')).toBe(true);
  });

  it('knows nothing of words it has no entry for', () => {
    expect(relatedWords(['zzzzqx']).size).toBe(0);
    expect(relatedWords([]).size).toBe(0);
  });

  it('is a table of "word related:weight …" lines', () => {
    expect(TABLE).toMatch(/^# .*WordNet[\s\S]*Princeton University/); // the licence's notice travels with the table
    const lines = TABLE.trim().split('\n').filter((l) => !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(10_000);
    for (const line of lines.slice(0, 500)) expect(line).toMatch(/^[a-z]+(_[a-z]+)?( [a-z]+(:[1-9][0-9])?)+$/);
  });
});
