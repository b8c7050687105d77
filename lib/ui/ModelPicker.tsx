import { useState } from 'preact/hooks';
import type { BackendChoice, ModelSpec } from '../messaging/protocol';
import { createCustomGgufModel, whyModelCannotRun } from '../llm/models';
import { formatBytes } from './format';

interface Props {
  models: ModelSpec[];
  selected: ModelSpec | null;
  backend: BackendChoice | null;
  onChoose(model: ModelSpec): void;
}

/** Choose a curated model or add a GGUF file by its address. */
export function ModelPicker({ models, selected, backend, onChoose }: Props) {
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);

  function add() {
    try {
      onChoose(createCustomGgufModel(url));
      setUrl('');
      setUrlError(null);
    } catch (e) {
      setUrlError((e as Error).message);
    }
  }

  return (
    <section class="models">
      <label for="model">Model</label>
      <select
        id="model"
        value={selected?.id ?? ''}
        onChange={(e) => {
          const m = models.find((x) => x.id === e.currentTarget.value);
          if (m) onChoose(m);
        }}
      >
        {models.map((m) => {
          const blocked = backend ? whyModelCannotRun(m, backend) : null;
          return (
            <option key={m.id} value={m.id} disabled={blocked !== null} title={blocked ?? ''}>
              {m.label}
              {m.sizeBytes ? ` · ${formatBytes(m.sizeBytes)}` : ''}
              {blocked ? ' · not on this device' : ''}
            </option>
          );
        })}
      </select>
      <div class="row">
        <input
          id="model-url"
          type="url"
          placeholder="Add a GGUF model by URL"
          aria-label="GGUF model URL"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <button type="button" onClick={add}>Add</button>
      </div>
      {urlError && <p class="error" role="alert">{urlError}</p>}
    </section>
  );
}
