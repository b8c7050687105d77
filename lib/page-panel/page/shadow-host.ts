/**
 * An in-page panel's place in the page: a `<hearth-summary>` (or `<hearth-translate>`, `<hearth-write>`) element with a closed shadow root, its styles reset
 * (`all: initial`) so the page's CSS reaches none of it. Only Hearth's isolated world holds the root and the remove
 * function, so nothing the page does (events, messages) can end the panel; the page can only delete the element.
 */
export interface ShadowHost {
  container: HTMLElement;
  remove(): void;
}

/** Keys typed in the panel stay there: the page's shortcuts do not fire while the user types in Hearth. */
const KEPT_IN = ['keydown', 'keyup', 'keypress'] as const;

/** `tag` names the panel's element: `hearth-summary`, `hearth-write` for writing help's, `hearth-translate` for translation's. */
export function mountShadowHost(doc: Document, css: string, tag = 'hearth-summary'): ShadowHost {
  const host = doc.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = `:host{all:initial !important;}\n${css}`;
  const container = doc.createElement('div');
  root.append(style, container);
  for (const type of KEPT_IN) root.addEventListener(type, (e) => e.stopPropagation());
  doc.documentElement.append(host);
  return { container, remove: () => host.remove() };
}

/** Where a panel is mounted: `render(container)` in an isolated shadow root; it returns a function that removes it. */
export interface PanelHost {
  mount(render: (container: HTMLElement) => void, unrender: (container: HTMLElement) => void): Promise<() => void>;
}

/** The PanelHost of a content script: each mount makes a fresh closed shadow root (see mountShadowHost) in `doc`. */
export function shadowPanelHost(doc: Document, css: string, tag?: string): PanelHost {
  return {
    async mount(renderInto, unrender) {
      // Closed: page scripts cannot read what the panel shows (the selected text, the answer) or rewrite it.
      const host = mountShadowHost(doc, css, tag);
      renderInto(host.container);
      return () => {
        unrender(host.container);
        host.remove();
      };
    },
  };
}
