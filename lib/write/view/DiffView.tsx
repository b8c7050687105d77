import type { DiffOp } from '../word-diff';
import { explainChange } from '../explain';

/**
 * The suggestion against the original, word by word: deleted words struck through, new ones marked. Proofreading
 * explains each change on hover (and to screen readers, as the change's title). Rendered as text: neither the
 * field's words nor the model's are ever markup here.
 */
export function DiffView({ ops, explain }: { ops: DiffOp[]; explain: boolean }) {
  const out = [];
  for (let k = 0; k < ops.length; k++) {
    const o = ops[k]!;
    if (o.op === 'same') {
      out.push(<span key={k}>{o.text}</span>);
      continue;
    }
    // A deletion and the insertion after it are one change: one explanation for the pair.
    const del = o.op === 'del' ? o.text : '';
    const ins = o.op === 'ins' ? o.text : ops[k + 1]?.op === 'ins' ? ops[k + 1]!.text : '';
    if (o.op === 'del' && ins) k++;
    const why = explain ? explainChange(del, ins) : undefined;
    out.push(
      <span key={k} class="hearth-change" title={why} data-testid="change">
        {del && <del data-testid="del">{del}</del>}
        {ins && <ins data-testid="ins">{ins}</ins>}
      </span>,
    );
  }
  return <p class="hearth-diff" data-testid="diff">{out}</p>;
}
