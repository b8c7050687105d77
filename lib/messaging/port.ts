import type { SenderLike } from './sender';
import { PORTS } from './protocol-values';

export const GENERATE_PORT = PORTS.generate;
export const POSE_PORT = PORTS.pose;

/** The slice of `runtime.Port` the streams use, so tests can pass a fake pair. */
export interface PortLike<In = unknown, Out = unknown> {
  name: string;
  sender?: SenderLike;
  postMessage(message: Out): void;
  disconnect(): void;
  onMessage: { addListener(cb: (message: In) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

/** A sender for a host's end of a port that never throws: once the client is gone, messages are dropped. */
export function createPortSender<Out>(port: Pick<PortLike<unknown, Out>, 'postMessage'>) {
  let open = true;
  return {
    send(message: Out) {
      if (!open) return;
      try {
        port.postMessage(message);
      } catch {
        open = false;
      }
    },
    close() {
      open = false;
    },
  };
}
