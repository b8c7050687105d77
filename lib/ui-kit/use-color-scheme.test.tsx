// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useColorScheme, type ColorScheme } from './use-color-scheme';

/** A matchMedia whose answer the test flips, telling its listeners as a browser does. */
function fakeMedia(dark: boolean) {
  const listeners = new Set<() => void>();
  const list = {
    get matches() { return dark; },
    addEventListener: (_: string, f: () => void) => listeners.add(f),
    removeEventListener: (_: string, f: () => void) => listeners.delete(f),
  };
  return {
    win: { matchMedia: () => list as unknown as MediaQueryList },
    set(next: boolean) { dark = next; listeners.forEach((f) => f()); },
    listeners,
  };
}

describe('useColorScheme', () => {
  it('starts from the OS theme, follows a change, and stops listening when unmounted', async () => {
    const media = fakeMedia(true);
    const seen: ColorScheme[] = [];
    const Probe = () => { seen.push(useColorScheme(media.win)); return null; };
    const root = document.createElement('div');
    await act(async () => render(<Probe />, root));
    expect(seen.at(-1)).toBe('dark');
    await act(async () => media.set(false));
    expect(seen.at(-1)).toBe('light');
    expect(media.listeners.size).toBe(1);
    await act(async () => render(null, root));
    expect(media.listeners.size).toBe(0);
  });

  it('is light where there is no matchMedia', async () => {
    let seen: ColorScheme | undefined;
    const Probe = () => { seen = useColorScheme({} as Window); return null; };
    await act(async () => render(<Probe />, document.createElement('div')));
    expect(seen).toBe('light');
  });
});
