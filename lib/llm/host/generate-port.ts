import type { GenerateClientMessage, GenerateHostMessage, GenerateRequest } from '../../messaging/protocol';
import { BadRequestError, NotFoundError, SenderRefusedError, toWireError } from '../../messaging/errors';
import { createPortSender, GENERATE_PORT, type PortLike } from '../../messaging/port';
import { classifySender } from '../../messaging/sender';
import type { LlmHost, GenerationSink } from './llm-host';
import type { JobRegistry } from './jobs';
import type { GenerationRecords } from './records';
import { validateGenerateRequest } from '../../messaging/validate-request';

type HostPort = PortLike<GenerateClientMessage, GenerateHostMessage>;

const sinkFor = (send: (m: GenerateHostMessage) => void): GenerationSink => ({
  queued: (position) => send({ type: 'queued', position }),
  backend: (backend, model) => send({ type: 'backend', backend, model }),
  progress: (progress) => send({ type: 'load-progress', progress }),
  reading: (progress) => send({ type: 'reading', progress }),
  token: (text) => send({ type: 'token', text }),
});

const validJobId = (id: unknown): id is string => typeof id === 'string' && /^[\w-]{1,64}$/.test(id);

/**
 * A plain answer: it stops when its port closes. With `record` the host keeps its prompt and text once finished,
 * bound to the asking content script's tab, and says where in its stats.
 */
function answer(host: LlmHost, request: GenerateRequest, send: (m: GenerateHostMessage) => void, signal: AbortSignal, record?: { records: GenerationRecords; tabId?: number }) {
  const kept = record && request.input.kind === 'chat' ? { messages: request.input.messages, text: '' } : null;
  const sink = sinkFor(kept ? (m) => ((m.type === 'token' && (kept.text += m.text)), send(m)) : send);
  host.generate(request, sink, signal).then(
    (stats) => {
      const recordId = kept && stats.finishReason !== 'aborted' ? record!.records.add({ tabId: record!.tabId, ...kept }) : undefined;
      send({ type: 'done', stats: recordId ? { ...stats, recordId } : stats });
    },
    (err) => send({ type: 'error', error: toWireError(err) }),
  );
}

/**
 * Serve generations over `hearth:generate` ports: one port, one answer. The sender is checked before
 * anything else. A plain answer stops when its port closes (tab gone); a job (`jobId`) goes on and can be
 * re-attached from another port.
 */
export function handleGeneratePort(port: HostPort, host: LlmHost, extensionId: string, jobs?: JobRegistry, records?: GenerationRecords): void {
  if (port.name !== GENERATE_PORT) return;
  const sender = createPortSender<GenerateHostMessage>(port);
  const send = sender.send;
  const controller = new AbortController();
  let detach: () => void = () => controller.abort();
  port.onDisconnect.addListener(() => {
    sender.close();
    detach();
  });
  let kind;
  try {
    kind = classifySender(port.sender ?? {}, extensionId);
    // The camera view, framed in a site, never generates: nothing it shows needs the model.
    if (kind === 'pose-view') throw new SenderRefusedError('The camera view may not use the model.');
  } catch (err) {
    host.noteRefused();
    send({ type: 'error', error: toWireError(err) });
    port.disconnect();
    return;
  }
  let jobId: string | null = null;
  let started = false;
  port.onMessage.addListener((msg) => {
    if (msg?.type === 'stop') return jobId ? jobs?.stop(jobId) : controller.abort();
    if (started) return;
    started = true;
    try {
      if (msg?.type === 'attach') {
        // A detached answer belongs to the user's chat: only Hearth's own pages may read it, never a page script.
        if (kind !== 'extension-page') throw new SenderRefusedError('A page script may not read Hearth’s chat answers.');
        if (!jobs || !validJobId(msg.jobId)) throw new BadRequestError('Unknown answer to attach to.');
        const off = jobs.attach(msg.jobId, send);
        if (!off) throw new NotFoundError('That answer is no longer running (was the browser restarted?).');
        jobId = msg.jobId;
        detach = off;
        return;
      }
      if (msg?.type !== 'start') throw new BadRequestError('Unknown request.');
      const request: GenerateRequest = validateGenerateRequest(msg.request);
      if (msg.jobId !== undefined) {
        // Only our own pages start detachable, persisted answers; page scripts get plain ones.
        if (!jobs || kind !== 'extension-page' || !validJobId(msg.jobId)) throw new BadRequestError('Invalid answer id.');
        jobId = msg.jobId;
        detach = jobs.start(jobId, msg.persist, (emit, signal) => host.generate(request, sinkFor(emit), signal), send);
        return;
      }
      const tabId = kind === 'content-script' ? port.sender?.tab?.id : undefined;
      answer(host, request, send, controller.signal, msg.record === true && records ? { records, tabId } : undefined);
    } catch (err) {
      send({ type: 'error', error: toWireError(err) });
    }
  });
}
