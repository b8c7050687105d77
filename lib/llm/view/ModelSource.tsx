/** Where a model added by URL comes from: the site in plain sight, the full address on hover and for copying. */
export function ModelSource({ url }: { url: string }) {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // shown as it was stored
  }
  return (
    <p class="muted source" data-testid="model-source" title={url}>
      Added by you from <strong>{host}</strong>: <span class="url">{url}</span>
    </p>
  );
}
