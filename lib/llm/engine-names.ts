/**
 * Until December 2026 the CPU path was stored as 'wasm' (an engine kind and a setting), a name that said how, not
 * where: wllama and the GPU path's kernels are WebAssembly too. What older versions stored is read as 'cpu'.
 */
export const migrateEngineName = (value: unknown): unknown => (value === 'wasm' ? 'cpu' : value);
