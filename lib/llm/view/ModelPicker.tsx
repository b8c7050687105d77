import type { BackendChoice, ModelSpec, ModelState } from '../../messaging/protocol';
import { whyModelCannotRun } from '../models';
import { formatBytes } from '../../ui-kit/format';

interface Props {
  models: ModelSpec[];
  states: Record<string, ModelState>;
  backend: BackendChoice | null;
  selectedId: string | null;
  disabled: boolean;
  onChoose(model: ModelSpec): void;
}

/** The chat's model, switchable where the chat is: models this device runs, marked when they still need a download. */
export function ModelPicker({ models, states, backend, selectedId, disabled, onChoose }: Props) {
  const runnable = models.filter((m) => !backend || !whyModelCannotRun(m, backend) || m.id === selectedId);
  if (runnable.length === 0) return null;
  return (
    <label class="model-picker">
      <span class="sr-only">Model</span>
      <select
        data-testid="model-picker"
        value={selectedId ?? ''}
        disabled={disabled}
        title="The model that answers (more in Models)"
        onChange={(e) => {
          const model = runnable.find((m) => m.id === e.currentTarget.value);
          if (model && model.id !== selectedId) onChoose(model);
        }}
      >
        {!selectedId && <option value="">Choose a model</option>}
        {runnable.map((m) => {
          const cached = states[m.id]?.cached;
          const size = m.sizeBytes ? ` (${formatBytes(m.sizeBytes)})` : '';
          return (
            <option key={m.id} value={m.id}>
              {m.label}
              {cached === false ? ` · download${size}` : ''}
            </option>
          );
        })}
      </select>
    </label>
  );
}
