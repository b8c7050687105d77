import { useEffect, useRef, useState } from 'preact/hooks';
import type { GenerateRequest } from '../../messaging/protocol';

/** The host's `llm.prime` (lib/llm/view/hearth-client.ts). */
export type Prime = (request: GenerateRequest, key: string) => Promise<{ accepted: boolean }>;

/** The last prime sent: its key, and whether the host took it (it takes none while no model is loaded). */
export interface Primed {
  key: string;
  accepted: boolean;
}

/**
 * Read what the next question will be asked over before the user asks: whenever `when` changes to a new value (the
 * sources opened, a tab added, a PDF read, a summary's follow-up taken, another model), build the prime and send it.
 * `build` is read when it runs (it sees the conversation as it is then); null from it sends nothing. A prime is only
 * a head start: one that fails is forgotten, and the question reads whatever the cache lacks.
 */
export function usePrime(when: string | null, build: () => Promise<{ request: GenerateRequest; key: string } | null>, prime: Prime | undefined) {
  const [primed, setPrimed] = useState<Primed | null>(null);
  const latest = useRef(build);
  latest.current = build;
  useEffect(() => {
    if (!when || !prime) return;
    let stale = false;
    void (async () => {
      const p = await latest.current();
      if (!p || stale) return;
      const { accepted } = await prime(p.request, p.key);
      if (!stale) setPrimed({ key: p.key, accepted });
    })().catch(() => {});
    return () => {
      stale = true;
    };
  }, [when, prime]);
  return primed;
}
