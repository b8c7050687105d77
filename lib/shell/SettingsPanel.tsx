import { useState } from 'preact/hooks';
import { ENGINE_PREFERENCES, LIMITS } from '../messaging/protocol-values';
import type { EnginePreference } from '../messaging/protocol';

// A Record: an engine preference added to protocol-values.ts without a label here does not compile.
const ENGINE_LABELS: Record<EnginePreference, string> = { auto: 'Automatic (the GPU when there is a real one)', webgpu: 'The GPU (WebGPU)', cpu: "This computer's CPU" };
import type { ChatSettings } from '../llm/settings';
import { ShortcutsList } from './ShortcutsList';

/** System prompt, sampling, engine preference and idle unload. Saved on "Save", validated and clamped. */
export function SettingsPanel({ settings, onSave }: { settings: ChatSettings; onSave(s: ChatSettings): void }) {
  const [draft, setDraft] = useState(settings);
  const set = <K extends keyof ChatSettings>(k: K, v: ChatSettings[K]) => setDraft((d) => ({ ...d, [k]: v }));
  return (
    <form
      class="settings"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
    >
      <label for="system-prompt">System prompt</label>
      <textarea id="system-prompt" rows={3} value={draft.systemPrompt} onInput={(e) => set('systemPrompt', e.currentTarget.value)} />
      <label for="temperature">Temperature (0 = always the most likely word)</label>
      <input id="temperature" type="number" min={0} max={LIMITS.temperature} step={0.1} value={draft.temperature} onInput={(e) => set('temperature', e.currentTarget.valueAsNumber)} />
      <label for="max-tokens">Longest answer (tokens)</label>
      <input id="max-tokens" type="number" min={1} max={LIMITS.maxTokens} value={draft.maxTokens} onInput={(e) => set('maxTokens', e.currentTarget.valueAsNumber)} />
      <label for="engine">Engine</label>
      <select id="engine" value={draft.enginePreference} onChange={(e) => set('enginePreference', e.currentTarget.value as ChatSettings['enginePreference'])}>
        {ENGINE_PREFERENCES.map((p) => <option key={p} value={p}>{ENGINE_LABELS[p]}</option>)}
      </select>
      <label for="idle">Free the model's memory after idle minutes (0 = never)</label>
      <input id="idle" type="number" min={0} max={LIMITS.idleUnloadMinutes} value={draft.idleUnloadMinutes} onInput={(e) => set('idleUnloadMinutes', e.currentTarget.valueAsNumber)} />
      <button type="submit" class="primary">
        Save settings
      </button>
      <ShortcutsList />
    </form>
  );
}
