import type { HostStatus } from '../messaging/protocol';

/** One short line under the header: the model and where it runs. Why it runs there is one click away. */
export function EngineLine({ status, label }: { status: HostStatus | null; label: string | undefined }) {
  if (!status) {
    return <p class="backend muted" data-testid="backend" data-engine="">Starting…</p>;
  }
  const where = status.backend.engine === 'wasm' ? "Runs on this computer's CPU — slower than a GPU" : "Runs on this computer's GPU";
  return (
    <details class="backend muted" data-testid="backend" data-engine={status.backend.engine}>
      <summary>{label ? `${label} · ${where}` : where}</summary>
      <p>{status.backend.reason}</p>
    </details>
  );
}
