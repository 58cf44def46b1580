import { mapRefs } from './index.js';
import type { ChangeInput } from './types.js';

/**
 * Every existing unit a change names: its sources, its targets and the parents of the units it
 * creates. An editor may record the change only when each of them lies in their scope. Works on
 * requests (units by reference, parents optional) and on resolved inputs (units by id) alike.
 */
export function unitsTouched<U>(input: ChangeInput<U, { parent?: U | null }>): U[] {
  const out: U[] = [];
  mapRefs(input, {
    unit: (ref) => void out.push(ref),
    newUnits(units) {
      for (const n of units) if (n.parent != null) out.push(n.parent);
      return [];
    },
  });
  return out;
}
