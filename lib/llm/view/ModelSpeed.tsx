import { useEffect, useState } from 'preact/hooks';
import type { ModelSpec, ModelSpeeds } from '../../messaging/protocol';
import { describeModelSpeed } from '../speed-estimate';
import type { HearthClient } from './hearth-client';

/** Speeds for Models, fetched once per view (the device is measured on the first visit, then remembered). */
export function useModelSpeeds(client: Pick<HearthClient, 'speeds'>): ModelSpeeds | null {
  const [speeds, setSpeeds] = useState<ModelSpeeds | null>(null);
  useEffect(() => {
    let live = true;
    client.speeds(true).then((s) => live && setSpeeds(s), () => {});
    return () => void (live = false);
  }, []);
  return speeds;
}

/** "about 12 words/s here · measured: 9 words/s" under a model, when anything is known. */
export function ModelSpeed({ model, speeds }: { model: ModelSpec; speeds: ModelSpeeds | null }) {
  const text = speeds && describeModelSpeed(model, speeds);
  return text ? <p class="muted" data-testid={`speed-${model.id}`}>{text}</p> : null;
}
