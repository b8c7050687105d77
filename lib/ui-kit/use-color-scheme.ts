import { useEffect, useState } from 'preact/hooks';

export type ColorScheme = 'light' | 'dark';

const QUERY = '(prefers-color-scheme: dark)';

/** The OS (or browser) theme, followed live: a view that writes its dark palette once, under `[data-theme=dark]`. */
export function useColorScheme(win: Pick<Window, 'matchMedia'> = window): ColorScheme {
  const read = (): ColorScheme => (win.matchMedia?.(QUERY).matches ? 'dark' : 'light');
  const [scheme, setScheme] = useState(read);
  useEffect(() => {
    const list = win.matchMedia?.(QUERY);
    if (!list) return;
    const onChange = () => setScheme(read());
    list.addEventListener('change', onChange);
    onChange();
    return () => list.removeEventListener('change', onChange);
  }, [win]);
  return scheme;
}
