// Store review looks for code hosted elsewhere. Some dependencies carry CDN addresses of optional code they can
// fetch (wllama's "compat" worker and wasm on jsDelivr). Hearth never uses them (the wasm ships in the package and
// compat mode is off), so the build blanks them: the upload then names no remote script at all.

/** Hosts that serve code (scripts, wasm) rather than model data. */
export const CODE_CDN = /https?:\/\/(?:cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|esm\.sh|cdn\.skypack\.dev)\/[^"'`\s]*/g;

/** Replace every CDN code address in a dependency's source with an empty string; returns null if there was none. */
export function blankCdnAddresses(code) {
  let found = false;
  const out = code.replace(/(["'`])(https?:\/\/(?:cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|esm\.sh|cdn\.skypack\.dev)\/[^"'`\s]*)\1/g, (_m, q) => {
    found = true;
    return `${q}${q}`;
  });
  return found ? out : null;
}

/** The Vite plugin: only dependencies' code is touched (Hearth's own code has no such address). */
export function noRemoteCode() {
  return {
    name: 'hearth-no-remote-code',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/node_modules/')) return null;
      const out = blankCdnAddresses(code);
      return out === null ? null : { code: out, map: null };
    },
  };
}
