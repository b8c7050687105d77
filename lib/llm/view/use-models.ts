import { useEffect, useState } from 'preact/hooks';
import type { ModelSpec, ModelState } from '../../messaging/protocol';
import type { HearthClient } from './hearth-client';

/** Cache and download state of every model, polled while a download runs (downloads live in the host). */
export function useModelStates(client: HearthClient, models: ModelSpec[]) {
  const [states, setStates] = useState<Record<string, ModelState>>({});
  const [storage, setStorage] = useState<{ usage: number; quota: number } | null>(null);
  const [tick, setTick] = useState(0);
  const running = Object.values(states).some((s) => s.download?.state === 'running');

  useEffect(() => {
    if (models.length === 0) return;
    let stop = false;
    client
      .modelStates(models)
      .then((list) => !stop && setStates(Object.fromEntries(list.map((s) => [s.modelId, s]))))
      .catch(() => {});
    navigator.storage
      .estimate()
      .then((e) => !stop && setStorage({ usage: e.usage ?? 0, quota: e.quota ?? 0 }))
      .catch(() => {});
    const timer = running ? setTimeout(() => setTick((t) => t + 1), 300) : undefined;
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [client, models, tick, running]);

  return { states, storage, refresh: () => setTick((t) => t + 1) };
}
