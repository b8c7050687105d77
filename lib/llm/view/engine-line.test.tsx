// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { EngineLine, runtimeLine } from './EngineLine';
import type { HostStatus } from '../../messaging/protocol';

const status = (runtime: HostStatus['runtime']): HostStatus => ({
  backend: { engine: 'cpu', reason: 'No WebGPU adapter here.' }, state: 'ready', model: null, loadedModelId: runtime ? 'm' : null, runtime, queued: 0, served: 0, refused: 0, busy: 0,
});

describe('the engine line', () => {
  it('says which engine runs the loaded model and, for wllama, what Hearth’s engine refused', () => {
    const root = document.createElement('div');
    render(<EngineLine status={status({ name: 'wllama', reason: 'The CPU engine does not read Q6_K weights.' })} />, root);
    expect(root.querySelector('[data-testid=backend]')?.getAttribute('data-runtime')).toBe('wllama');
    expect(root.querySelector('[data-testid=runtime]')?.textContent).toBe(
      "Engine: wllama (llama.cpp in WebAssembly, on this device), because Hearth's engine does not run this model: The CPU engine does not read Q6_K weights.",
    );
    render(<EngineLine status={status(null)} />, root); // nothing loaded: no engine named
    expect(root.querySelector('[data-testid=runtime]')).toBeNull();
    expect(runtimeLine({ name: 'webllm' })).toBe('Engine: WebLLM (WebGPU, on this device).');
  });
});
