import type { ModelSpec, ModelState } from '../../messaging/protocol';
import { NoModelError } from '../../messaging/errors';

/**
 * The chosen model's state and its download, for views that may not name a model (the summary panel runs as a
 * content script): they can only ever download what the user chose in Hearth.
 */
export function chosenModelHandlers(
  host: { status(): Promise<{ model: ModelSpec | null }> },
  models: { list(models: ModelSpec[]): Promise<ModelState[]>; download(model: ModelSpec): Promise<ModelState> },
) {
  return {
    'llm.chosenModel': async () => {
      const { model } = await host.status();
      return { model, state: model ? ((await models.list([model]))[0] ?? null) : null };
    },
    'llm.downloadChosen': async () => {
      const { model } = await host.status();
      if (!model) throw new NoModelError('No model is chosen yet. Click the Hearth icon in the toolbar and pick a model.');
      return models.download(model);
    },
  };
}
