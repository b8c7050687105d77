import type { GenerateRequest, HostStatus, ModelSpec } from '../messaging/protocol';
import { sendCommand, type RuntimeLike } from '../messaging/commands';
import { streamGenerate, type GenerateHandlers } from '../messaging/stream-client';
import type { PortLike } from '../messaging/port';
import { createModelStore, type StorageAreaLike } from '../llm/model-store';
import { pickDefaultModel } from '../llm/models';

export interface ClientDeps {
  runtime: Pick<RuntimeLike, 'sendMessage'> & { connect(info: { name: string }): PortLike };
  storage: StorageAreaLike;
}

/** What an extension page (popup, side panel) uses to talk to the model host. */
export function createHearthClient({ runtime, storage }: ClientDeps) {
  const store = createModelStore(storage);

  async function connect(): Promise<{ status: HostStatus; models: ModelSpec[]; selected: ModelSpec }> {
    await sendCommand(runtime, 'background', 'host.ensure', undefined);
    let status = await sendCommand(runtime, 'host', 'llm.status', undefined);
    const selected = (await store.selected()) ?? pickDefaultModel(status.backend);
    if (status.model?.id !== selected.id) status = await sendCommand(runtime, 'host', 'llm.select', { model: selected });
    return { status, models: await store.allModels(), selected };
  }

  async function select(model: ModelSpec): Promise<HostStatus> {
    if (model.custom) await store.addCustom(model);
    await store.select(model.id);
    await sendCommand(runtime, 'background', 'host.ensure', undefined);
    return sendCommand(runtime, 'host', 'llm.select', { model });
  }

  async function generate(request: GenerateRequest, handlers: GenerateHandlers) {
    // The host may have been closed since the page opened (Chrome, a crash): make sure it is there.
    await sendCommand(runtime, 'background', 'host.ensure', undefined);
    return streamGenerate((info) => runtime.connect(info) as never, request, handlers);
  }

  return { connect, select, generate, models: () => store.allModels() };
}

export type HearthClient = ReturnType<typeof createHearthClient>;
