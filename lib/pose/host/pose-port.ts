import type { PoseClientMessage, PoseHostMessage } from '../../messaging/protocol';
import { POSE_BACKEND_NAMES, POSE_MODELS } from '../../messaging/protocol-values';
import { SenderRefusedError, toWireError } from '../../messaging/errors';
import { createPortSender, POSE_PORT, type PortLike } from '../../messaging/port';
import { classifySender } from '../../messaging/sender';
import type { PoseSession } from './pose-session';

/**
 * Serve the pose overlay. Only Hearth's own pages (the overlay view runs as an extension page) may open the
 * camera: a page script, or another extension, is refused before anything starts.
 */
export function handlePosePort(port: PortLike<PoseClientMessage, PoseHostMessage>, session: PoseSession, extensionId: string, onRefused = () => {}): void {
  if (port.name !== POSE_PORT) return;
  const sender = createPortSender<PoseHostMessage>(port);
  const send = sender.send;
  let leave: () => void = () => {};
  port.onDisconnect.addListener(() => {
    sender.close();
    leave();
  });
  try {
    if (classifySender(port.sender ?? {}, extensionId) === 'content-script') throw new SenderRefusedError('Only Hearth’s own overlay may use the camera.');
  } catch (err) {
    onRefused();
    send({ type: 'error', error: toWireError(err) });
    port.disconnect();
    return;
  }
  port.onMessage.addListener((msg) => {
    if (msg?.type === 'stop') {
      leave();
      leave = () => {};
      return;
    }
    if (msg?.type !== 'start') return;
    const model = (POSE_MODELS as readonly string[]).includes(msg.settings?.model) ? msg.settings.model : POSE_MODELS[0];
    const backend = (POSE_BACKEND_NAMES as readonly string[]).includes(msg.settings?.backend) ? msg.settings.backend : 'auto';
    leave();
    leave = session.subscribe({ model, backend }, send);
  });
}
