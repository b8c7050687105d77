import type { PoseBackendName, PoseBackendReport, PoseModelName } from '../../messaging/protocol';
import { POSE_BACKEND_NAMES, POSE_MODELS } from '../../messaging/protocol-values';

// Records: a pose model or backend added to protocol-values.ts without a label here does not compile.
const MODEL_LABELS: Record<PoseModelName, string> = {
  lightning: 'Lightning (fast)',
  thunder: 'Thunder (accurate)',
  multipose: 'MultiPose (several people)',
  blazepose: 'BlazePose (hands and feet)',
};
const BACKEND_LABELS: Record<PoseBackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU' };

export interface PoseSettingsValue {
  model: PoseModelName;
  backend: PoseBackendName | 'auto';
  mirror: boolean;
  smoothing: boolean;
  minScore: number;
}

/** The overlay's settings panel: model, backend and how the skeleton is drawn. */
export function PoseSettings({ id, value, report, onChange }: { id: string; value: PoseSettingsValue; report: PoseBackendReport | null; onChange(next: Partial<PoseSettingsValue>): void }) {
  return (
    <div class="settings" id={id} role="group" aria-label="Pose settings">
      <label class="field">
        <span>Model</span>
        <select value={value.model} onChange={(e) => onChange({ model: e.currentTarget.value as PoseModelName })}>
          {POSE_MODELS.map((m) => <option key={m} value={m}>{MODEL_LABELS[m]}</option>)}
        </select>
      </label>
      <label class="field" title={report?.reason}>
        <span>Runs on</span>
        <select value={value.backend} onChange={(e) => onChange({ backend: e.currentTarget.value as PoseBackendName | 'auto' })}>
          <option value="auto">Fastest here</option>
          {POSE_BACKEND_NAMES.map((b) => <option key={b} value={b}>{BACKEND_LABELS[b]}</option>)}
        </select>
      </label>
      <label class="check"><input type="checkbox" checked={value.mirror} onChange={(e) => onChange({ mirror: e.currentTarget.checked })} /> Mirror</label>
      <label class="check"><input type="checkbox" checked={value.smoothing} onChange={(e) => onChange({ smoothing: e.currentTarget.checked })} /> Smooth</label>
      <label class="field range" title="Points the model is less sure of than this are not drawn">
        <span>Hide unsure points <output>{value.minScore.toFixed(2)}</output></span>
        <input type="range" min={0} max={0.9} step={0.05} value={value.minScore} onInput={(e) => onChange({ minScore: Number(e.currentTarget.value) })} />
      </label>
    </div>
  );
}
