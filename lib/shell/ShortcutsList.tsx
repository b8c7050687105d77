import { useEffect, useState } from 'preact/hooks';
import type { CommandInfo, CommandsLike } from '../ui-kit/shortcuts';

type Browser = { commands: CommandsLike; tabs: { create(p: { url: string }): Promise<unknown> } };

/** Every Hearth shortcut as Chrome has it now (the user may have changed them), and where to change them. */
export function ShortcutsList({ b = browser as unknown as Browser }: { b?: Browser }) {
  const [commands, setCommands] = useState<CommandInfo[]>([]);
  useEffect(() => void b.commands.getAll().then(setCommands, () => {}), [b]);
  // Chrome reports the popup's own command (_execute_action) without the description the manifest gave it.
  const described = commands.map((c) => (c.name === '_execute_action' ? { ...c, description: 'Open Hearth' } : c)).filter((c) => c.description);
  return (
    <section class="shortcuts" aria-label="Keyboard shortcuts">
      <h2>Keyboard shortcuts</h2>
      <dl data-testid="shortcuts">
        {described.map((c) => (
          <div key={c.name} class="row">
            <dt>{c.description}</dt>
            <dd>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span class="muted">not set</span>}</dd>
          </div>
        ))}
      </dl>
      <button type="button" class="small" onClick={() => void b.tabs.create({ url: 'chrome://extensions/shortcuts' })}>
        Change shortcuts…
      </button>
    </section>
  );
}
