import type { GenerateClientMessage, GenerateHostMessage } from '../messaging/protocol';
import { toWireError } from '../messaging/errors';
import { GENERATE_PORT, type PortLike } from '../messaging/port';
import { classifySender } from '../messaging/sender';
import type { LlmHost } from './llm-host';
import { validateGenerateRequest } from './validate-request';

type HostPort = PortLike<GenerateClientMessage, GenerateHostMessage>;

/**
 * Serve generations over `hearth:generate` ports: one port, one answer. The caller's sender is checked
 * before anything else; a stop message or a closed port (tab gone, popup closed) stops the generation.
 */
export function handleGeneratePort(port: HostPort, host: LlmHost, extensionId: string): void {
  if (port.name !== GENERATE_PORT) return;
  let open = true;
  const send = (msg: GenerateHostMessage) => {
    if (!open) return;
    try {
      port.postMessage(msg);
    } catch {
      open = false;
    }
  };
  const controller = new AbortController();
  port.onDisconnect.addListener(() => {
    open = false;
    controller.abort();
  });
  try {
    classifySender(port.sender ?? {}, extensionId);
  } catch (err) {
    host.noteRefused();
    send({ type: 'error', error: toWireError(err) });
    port.disconnect();
    return;
  }
  let started = false;
  port.onMessage.addListener((msg) => {
    if (msg?.type === 'stop') return controller.abort();
    if (msg?.type !== 'start' || started) return;
    started = true;
    let request;
    try {
      request = validateGenerateRequest(msg.request);
    } catch (err) {
      return send({ type: 'error', error: toWireError(err) });
    }
    host
      .generate(
        request,
        {
          queued: (position) => send({ type: 'queued', position }),
          backend: (backend, model) => send({ type: 'backend', backend, model }),
          progress: (progress) => send({ type: 'load-progress', progress }),
          token: (text) => send({ type: 'token', text }),
        },
        controller.signal,
      )
      .then(
        (stats) => send({ type: 'done', stats }),
        (err) => send({ type: 'error', error: toWireError(err) }),
      );
  });
}
