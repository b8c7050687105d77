/**
 * Per-token rotation tables for rope_apply: C[j] = cos θ, S[j] = ∓sin θ, so y[j] = x[j]·C[j] + x[partner]·S[j].
 * θ for pair i at position p is p · theta^(−2i/dims) / freqFactors[i]. Computed here because wasm has no cos/sin.
 */
import type { RopeParams } from '../kernel-api';

export function createRopeTables() {
  let last: Pick<RopeParams, 'theta' | 'dims' | 'freqFactors'> | undefined;
  let inv = new Float64Array(0);
  return {
    fill(C: Float32Array, S: Float32Array, positions: Int32Array, p: RopeParams): void {
      const half = p.dims / 2;
      if (!last || last.theta !== p.theta || last.dims !== p.dims || last.freqFactors !== p.freqFactors) {
        inv = Float64Array.from({ length: half }, (_, i) => Math.pow(p.theta, (-2 * i) / p.dims) / (p.freqFactors?.[i] ?? 1));
        last = { theta: p.theta, dims: p.dims, freqFactors: p.freqFactors };
      }
      for (let t = 0; t < positions.length; t++) {
        const pos = positions[t]!;
        const o = t * p.dims;
        for (let i = 0; i < half; i++) {
          const a = pos * inv[i]!;
          const c = Math.cos(a), s = Math.sin(a);
          if (p.mode === 'neox') {
            C[o + i] = c; S[o + i] = -s;
            C[o + half + i] = c; S[o + half + i] = s;
          } else {
            C[o + 2 * i] = c; S[o + 2 * i] = -s;
            C[o + 2 * i + 1] = c; S[o + 2 * i + 1] = s;
          }
        }
      }
    },
  };
}
