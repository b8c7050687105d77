import { useState } from 'preact/hooks';
import type { ChatSettings } from '../chat/settings';

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
      <input id="temperature" type="number" min={0} max={2} step={0.1} value={draft.temperature} onInput={(e) => set('temperature', e.currentTarget.valueAsNumber)} />
      <label for="max-tokens">Longest answer (tokens)</label>
      <input id="max-tokens" type="number" min={1} max={8192} value={draft.maxTokens} onInput={(e) => set('maxTokens', e.currentTarget.valueAsNumber)} />
      <label for="engine">Engine</label>
      <select id="engine" value={draft.enginePreference} onChange={(e) => set('enginePreference', e.currentTarget.value as ChatSettings['enginePreference'])}>
        <option value="auto">Automatic (GPU when it is a real one)</option>
        <option value="webgpu">WebGPU (WebLLM)</option>
        <option value="wasm">CPU (WebAssembly)</option>
      </select>
      <label for="idle">Free the model's memory after idle minutes (0 = never)</label>
      <input id="idle" type="number" min={0} max={1440} value={draft.idleUnloadMinutes} onInput={(e) => set('idleUnloadMinutes', e.currentTarget.valueAsNumber)} />
      <button type="submit" class="primary">
        Save settings
      </button>
    </form>
  );
}
