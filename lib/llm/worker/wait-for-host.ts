import { sendCommand, type RuntimeLike } from '../../messaging/commands';
import { HostUnavailableError } from '../../messaging/errors';

/** Resolve once the offscreen host answers a ping; a new document can take a moment to register listeners. */
export async function waitForHost(
  runtime: Pick<RuntimeLike, 'sendMessage'>,
  { attempts = 50, intervalMs = 100 } = {},
): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    try {
      await sendCommand(runtime, 'host', 'host.ping', undefined);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
  throw new HostUnavailableError("Hearth's models did not start. Reload Hearth from chrome://extensions.");
}
