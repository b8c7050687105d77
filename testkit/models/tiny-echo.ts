// The hand-written parts of the `echo` tiny model (see tiny-llama-gguf.ts for what it does).

/**
 * echo: dim 0 flags non-words (as in the default model); word i is the one-hot dim 1 + i; other tokens get a
 * little noise in dims 16+ so they stay distinct. Unit rows, like the default model's.
 */
export function echoEmbeddings(E: Float32Array, wordIds: number[], nVocab: number, nEmbd: number, randn: (n: number, std: number) => Float32Array) {
  E.fill(0);
  const word = new Map(wordIds.map((id, i) => [id, i]));
  for (let t = 0; t < nVocab; t++) {
    const r = E.subarray(t * nEmbd, (t + 1) * nEmbd);
    if (word.has(t)) { r[1 + word.get(t)!] = 1; continue; }
    r[0] = 1;
    r.set(randn(nEmbd - 16, 0.3 / Math.sqrt(nEmbd - 16)), 16);
    const nrm = Math.hypot(...r); for (let j = 0; j < nEmbd; j++) r[j]! /= nrm;
  }
}

/**
 * echo: q head 0 and kv head 0, last dimension (15): the query is the non-word flag, the key a word's priority
 * (nWords for the first word, down to 1), so a non-word token attends to the highest-priority word present. The
 * value carries the word's one-hot (dims 0..nWords-1 of kv head 0) and the output writes it back into dim 1 + i,
 * which the output matrix already maps to that word's successor. Matrices are ggml rows of n_embd inputs.
 */
export function echoHead([q, k, v, o]: Float32Array[], nWords: number, nEmbd: number, headDim: number) {
  const last = headDim - 1;
  const row = (m: Float32Array | undefined, r: number, width: number) => m!.subarray(r * width, (r + 1) * width);
  row(q, last, nEmbd).fill(0)[0] = 1;
  const keyRow = row(k, last, nEmbd).fill(0);
  for (let i = 0; i < nWords; i++) keyRow[1 + i] = nWords - i;
  for (let j = 0; j < headDim; j++) row(v, j, nEmbd).fill(0);
  for (let i = 0; i < nWords; i++) row(v, i, nEmbd)[1 + i] = 1;
  const inputs = o!.length / nEmbd; // all heads' outputs, concatenated
  for (let r = 0; r < nEmbd; r++) row(o, r, inputs).fill(0, 0, 2 * headDim); // heads 0 and 1 (both read kv head 0)
  for (let i = 0; i < nWords; i++) row(o, 1 + i, inputs)[i] = 1;
}
