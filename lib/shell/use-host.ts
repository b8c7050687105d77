import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HostStatus, ModelSpec, ModelState } from '../messaging/protocol';
import type { ChatSettings } from '../llm/settings';
import type { HearthClient } from '../llm/view/hearth-client';

/** What the app knows of the model host: its status (with the chosen model), the model list and the settings. */
export function useHost(client: HearthClient) {
  const [status, setStatus] = useState<HostStatus | null>(null);
  const [models, setModels] = useState<ModelSpec[]>([]);
  const [settings, setSettings] = useState<ChatSettings | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    client
      .connect()
      .then((r) => {
        setStatus(r.status);
        setModels(r.models);
        setSettings(r.settings);
      })
      .catch((e: Error) => setFatal(e.message));
  }, [client]);

  /** Choose a model; `changed` then refreshes what depends on the list (the models' download marks). */
  async function choose(model: ModelSpec, changed: () => void) {
    try {
      setFatal(null); // an error about the model chosen before is not about this one
      setStatus(await client.select(model));
      setModels(await client.models());
      changed();
    } catch (e) {
      setFatal((e as Error).message);
    }
  }

  function saveSettings(s: ChatSettings, saved: () => void) {
    void client.saveSettings(s).then((r) => {
      setSettings(r.settings);
      setStatus(r.status);
      saved();
    }, (e: Error) => setFatal(e.message));
  }

  /** Read the host's status again: the CPU engine chooses the model's real context at load, and prompts are sized with it. */
  const refreshStatus = () => void client.status().then(setStatus, () => {});

  // The chosen model is the host's (the worker keeps it and the stored choice in step); no copy of it here.
  return { status, models, settings, fatal, selected: status?.model ?? null, choose, saveSettings, refreshStatus };
}

/**
 * Send never starts a curated model's download (hundreds of MB): that takes the offer's own click. `nudged` is true
 * while the offer has to say why nothing was sent; a change of model clears it and the chat's error.
 */
export function useSendGate<A extends unknown[]>(
  client: HearthClient,
  selected: ModelSpec | null,
  selectedState: ModelState | undefined,
  chat: { send(...args: A): Promise<boolean>; clearError(): void },
) {
  const [nudged, setNudged] = useState(false);
  // An error (or a "download first") about the model that was chosen before is not about this one.
  useEffect(() => {
    chat.clearError();
    setNudged(false);
  }, [selected?.id]);

  async function send(...args: A): Promise<boolean> {
    if (selected && !selected.custom) {
      const state = selectedState ?? (await client.modelStates([selected]).then((l) => l[0], () => undefined));
      if (state?.cached === false) {
        setNudged(true);
        return false;
      }
    }
    setNudged(false);
    return chat.send(...args);
  }
  return { send, nudged };
}

/** Keep a scrolled list at its end whenever one of `deps` changes. */
export function useFollowTail(deps: unknown[]): RefObject<HTMLElement | null> {
  const list = useRef<HTMLElement>(null);
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, deps);
  return list;
}
