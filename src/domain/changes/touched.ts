import type { ChangeInput } from './types.js';

/**
 * Every existing unit a change names: its sources, its targets and the parents of the units it
 * creates. An editor may record the change only when each of them lies in their scope. Works on
 * requests (units by reference, parents optional) and on resolved inputs (units by id) alike.
 */
export function unitsTouched<U>(input: ChangeInput<U, { parent?: U | null }>): U[] {
  const parents = (ns: { parent?: U | null }[]) => ns.flatMap((n) => (n.parent == null ? [] : [n.parent]));
  const present = (us: (U | null | undefined)[]) => us.filter((u): u is U => u != null);
  switch (input.type) {
    case 'establish': return parents(input.units);
    case 'dissolve': return present([input.unit, input.childrenTo]);
    case 'merge': return [...input.absorbed, input.into];
    case 'consolidate': return [...input.units, ...parents([input.result])];
    case 'split': return [input.unit, ...parents(input.into)];
    case 'separate': return [input.unit, ...parents(input.parts)];
    case 'transfer': return 'toParent' in input ? [input.unit, input.toParent] : [input.from, input.to, ...(input.children ?? [])];
    case 'rename':
    case 'reclassify':
    case 'amend': return [input.unit];
  }
}
