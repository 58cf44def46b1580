import type { IsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import { attrsOf, type Tree } from '../tree.js';
import { alive, emptyPlan, shiftFigures } from './helpers.js';
import type { ChangeModule, InputOf, Plan } from './types.js';

type MoveUnit = Extract<InputOf<'transfer'>, { toParent: unknown }>;
type MovePart = Extract<InputOf<'transfer'>, { from: unknown }>;

/**
 * điều chuyển / điều chỉnh địa giới: either a whole unit moves to another parent, or part of one
 * unit (some of its children, some area and population) moves to another unit.
 */
export const transfer: ChangeModule<'transfer'> = {
  needs: (input) =>
    'toParent' in input
      ? { units: [input.unit, input.toParent], childrenOf: [], codes: [] }
      : { units: [input.from, input.to, ...(input.children ?? [])], childrenOf: [input.from], codes: [] },
  mapRefs: (i, m) =>
    'toParent' in i
      ? { type: 'transfer', unit: m.unit(i.unit, 'unit'), toParent: m.unit(i.toParent, 'toParent') }
      : {
        type: 'transfer', from: m.unit(i.from, 'from'), to: m.unit(i.to, 'to'),
        children: i.children?.map((r, k) => m.unit(r, `children.${k}`)), figures: i.figures,
      },
  plan: (tree, date, input) => ('toParent' in input ? moveUnit(tree, date, input) : movePart(tree, date, input)),
};

function moveUnit(tree: Tree, date: IsoDate, input: MoveUnit): Plan {
  const unit = attrsOf(alive(tree, input.unit, date, 'unit'));
  alive(tree, input.toParent, date, 'toParent');
  if (unit.parentId === input.toParent) throw new DomainError('NO_EFFECT', {}, 'toParent');
  const plan = emptyPlan();
  plan.writes.set(input.unit, { ...unit, parentId: input.toParent });
  plan.lineage.push([input.unit, input.unit]);
  return plan;
}

function movePart(tree: Tree, date: IsoDate, input: MovePart): Plan {
  const from = attrsOf(alive(tree, input.from, date, 'from'));
  const to = attrsOf(alive(tree, input.to, date, 'to'));
  if (input.from === input.to) throw new DomainError('DUPLICATE_UNIT', {}, 'to');
  const children = input.children ?? [];
  if (children.includes(input.to)) throw new DomainError('DUPLICATE_UNIT', { unit: input.to }, 'children');
  const figures = input.figures ?? {};
  if (children.length === 0 && Object.values(figures).every((v) => v === undefined || v === null)) {
    throw new DomainError('NO_EFFECT', {}, 'children');
  }
  const plan = emptyPlan();
  children.forEach((id, i) => {
    const child = attrsOf(alive(tree, id, date, `children.${i}`));
    if (child.parentId !== input.from) throw new DomainError('NOT_A_CHILD', { unit: id, parent: input.from }, `children.${i}`);
    plan.writes.set(id, { ...child, parentId: input.to });
  });
  plan.writes.set(input.from, { ...from, ...shiftFigures(from, figures, -1, 'figures') });
  plan.writes.set(input.to, { ...to, ...shiftFigures(to, figures, 1, 'figures') });
  plan.lineage.push([input.from, input.from], [input.from, input.to, 'part']);
  return plan;
}
