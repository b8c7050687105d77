import type { HostStatus } from '../../messaging/protocol';

/**
 * One short line under the header: where the model runs. Why it runs there is one click away. (The model's name is
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
    <details class="backend muted" data-testid="backend" data-engine={status.backend.engine}>
      <summary>{where}</summary>
      <p>{status.backend.reason}</p>
    </details>
  );
}
