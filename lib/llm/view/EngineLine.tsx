import type { HostStatus, LoadedRuntime } from '../../messaging/protocol';

/** Which engine runs the loaded model, and why that one, in words. */
export function runtimeLine(runtime: LoadedRuntime): string {
  if (runtime.name === 'hearth') return "Engine: Hearth's own (WebAssembly, on this device).";
  if (runtime.name === 'webllm') return 'Engine: WebLLM (WebGPU, on this device).';
  return `Engine: wllama (llama.cpp in WebAssembly, on this device), because Hearth's engine does not run this model${runtime.reason ? `: ${runtime.reason}` : '.'}`;
}

/**
 * One short line under the header: where the model runs. Why it runs there, and which engine runs the loaded model
 * (Hearth's, wllama or WebLLM), is one click away. (The model's name is
 * in the chat's first-run offer and in Models; repeating it here made the line wrap.)
 */
export function EngineLine({ status }: { status: HostStatus | null }) {
  if (!status) {
    return <p class="backend muted" data-testid="backend" data-engine="">Starting…</p>;
  }
  if (status.model?.engine === 'builtin') {
    return <p class="backend muted" data-testid="backend" data-engine={status.backend.engine} data-model-engine="builtin">Chrome's built-in model · runs on this device</p>;
  }
  const where = status.backend.engine === 'cpu' ? "Runs on this computer's CPU — slower than a GPU" : "Runs on this computer's GPU";
  return (
    <details class="backend muted" data-testid="backend" data-engine={status.backend.engine} data-runtime={status.runtime?.name ?? ''}>
      <summary>{where}</summary>
      <p>{status.backend.reason}</p>
      {status.runtime && <p data-testid="runtime">{runtimeLine(status.runtime)}</p>}
    </details>
  );
}
