// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { ApplyResult } from '../page/field-edit';
import type { WriteAction } from '../../messaging/protocol';
import { WritePanel, type PanelField } from './WritePanel';

/** A model host behind the runtime: the chosen model is loaded, and each generation writes `answer` in two tokens. */
function fakeRuntime(answer: string) {
  const listeners: Array<(m: unknown) => void> = [];
  return {
    sendMessage: async (msg: { name: string }) => {
      const values: Record<string, unknown> = {
        'host.ensure': { ok: true },
        'llm.status': { model: { id: 'tiny', contextTokens: 4096 } },
        'llm.chosenModel': { model: { id: 'tiny', custom: true }, state: null },
        'llm.countTokens': { tokens: 10 },
      };
      return { ok: true, value: values[msg.name] };
    },
    connect: () => ({
      name: 'hearth:generate',
      postMessage(msg: { type: string }) {
        if (msg.type !== 'start') return;
        queueMicrotask(() => {
          for (const m of [{ type: 'token', text: answer.slice(0, 4) }, { type: 'token', text: answer.slice(4) },
            { type: 'done', stats: { promptTokens: 1, completionTokens: 2, timeToFirstTokenMs: 1, finishReason: 'stop', recordId: 'r1' } }]) listeners.forEach((l) => l(m));
        });
      },
      onMessage: { addListener: (l: (m: unknown) => void) => listeners.push(l) },
      onDisconnect: { addListener: () => {} },
      disconnect: () => {},
    }),
  };
}

function fakeField(): PanelField & { applied: string[]; same: boolean; fire(): void } {
  let cb = () => {};
  const f = {
    applied: [] as string[],
    same: true,
    stillSame: () => f.same,
    apply(s: string): ApplyResult {
      if (!f.same) return { ok: false, reason: 'changed' };
      f.applied.push(s);
      return { ok: true, undoable: true };
    },
    watch: (c: () => void) => ((cb = c), () => {}),
    fire: () => cb(),
  };
  return f;
}

async function mount(field: PanelField, answer = 'They were here.', action: WriteAction = { kind: 'proofread' }) {
  const host = document.createElement('div');
  document.body.append(host);
  const closed: Array<boolean | undefined> = [];
  await act(async () => {
    render(
      <WritePanel action={action} job={{ text: 'They was here.', action, language: 'English' }} field={field} refusal={null}
        placement={{ left: 0, top: 0, width: 400, maxHeight: 400 }} deps={{ runtime: fakeRuntime(answer) as never }} copy={async () => {}} onClose={(a) => closed.push(a)} />,
      host,
    );
  });
  const q = (id: string) => host.querySelector(`[data-testid=${id}]`) as HTMLElement | null;
  const settle = async () => {
    for (let i = 0; i < 20 && q('status')?.getAttribute('data-phase') !== 'done'; i++) await act(() => new Promise((r) => setTimeout(r, 5)));
  };
  await settle();
  return { host, q, closed };
}

describe('WritePanel', () => {
  it('shows the finished suggestion as a diff with the reason on hover, and Apply hands it to the field and closes', async () => {
    const field = fakeField();
    const { q, closed } = await mount(field);
    expect(q('status')!.getAttribute('data-phase')).toBe('done');
    expect(q('del')!.textContent).toBe('was');
    expect(q('ins')!.textContent).toBe('were');
    expect(q('change')!.getAttribute('title')).toBe("agreement: 'was' → 'were'");
    expect(q('status')!.textContent).toBe('1 change · point at one to see why.');
    await act(() => q('apply')!.click());
    expect(field.applied).toEqual(['They were here.']);
    expect(closed).toEqual([true]);
  });

  it('turns Apply off and says so when the field changes', async () => {
    const field = fakeField();
    const { q } = await mount(field);
    field.same = false;
    await act(() => field.fire());
    expect(q('changed')!.textContent).toMatch(/changed since Hearth read it/);
    expect(q('apply')!.hasAttribute('disabled')).toBe(true);
  });

  it('shows a translation as written, not as a diff of every word, and applies it', async () => {
    const field = fakeField();
    const { q } = await mount(field, 'Sie waren hier.', { kind: 'translate', language: 'German' });
    expect(q('diff')).toBeNull();
    expect(q('suggestion')!.textContent).toBe('Sie waren hier.');
    await act(() => q('apply')!.click());
    expect(field.applied).toEqual(['Sie waren hier.']);
  });

  it('says when there is nothing to change, and offers no Apply for it', async () => {
    const { q } = await mount(fakeField(), 'They was here.');
    expect(q('no-changes')).not.toBeNull();
    expect(q('apply')!.hasAttribute('disabled')).toBe(true);
  });
});
