import type { Transaction } from 'kysely';
import type { ChangeInput, NewUnit } from '../domain/changes/index.js';
import { dayBefore, type IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import type { UnitId, Version } from '../domain/tree.js';
import type { Database } from '../db/schema.js';
import { findUnitIdByCode, findVersionOn, insertUnits, unitExists } from '../db/unit.repository.js';
import type { ChangeRequest, NewUnitRequest, Ref } from './change-request.js';

type Trx = Transaction<Database>;

/**
 * Turns a request into the event's input: refs become ids (codes are looked up on the day before
 * the change, or on its day for units an earlier change of that day created), new units get ids,
 * and their kind, subtype and parent default to those of the unit they come from.
 */
export async function resolveRequest(trx: Trx, req: ChangeRequest, now: string): Promise<ChangeInput> {
  const date = req.effectiveOn;
  const known = new Map<string, Promise<UnitId>>();
  const ref = (r: Ref, path: string) => {
    const key = 'id' in r ? `id:${r.id}` : r.code;
    if (!known.has(key)) known.set(key, resolveRef(trx, r, date, path));
    return known.get(key)!;
  };
  const refs = (rs: Ref[], path: string) => Promise.all(rs.map((r, i) => ref(r, `${path}.${i}`)));
  const opt = (r: Ref | null | undefined, path: string) => (r ? ref(r, path) : Promise.resolve(null));
  const moves = async (ms: { unit: Ref; to: number }[] | undefined) =>
    ms && Promise.all(ms.map(async (m, i) => ({ unit: await ref(m.unit, `childMoves.${i}.unit`), to: m.to })));
  const fresh = async (ns: NewUnitRequest[], template: UnitId | null, path: string) => {
    const model = template === null ? undefined : await findVersionOn(trx, template, date);
    const ids = await insertUnits(trx, ns.length, now);
    return Promise.all(ns.map((n, i) => newUnit(n, ids[i], model, `${path}.${i}`, ref)));
  };
  switch (req.type) {
    case 'establish':
      return { type: 'establish', units: await fresh(req.units, null, 'units') };
    case 'dissolve':
      return { type: 'dissolve', unit: await ref(req.unit, 'unit'), childrenTo: await opt(req.childrenTo, 'childrenTo') };
    case 'merge':
      return { type: 'merge', absorbed: await refs(req.absorbed, 'absorbed'), into: await ref(req.into, 'into'), name: req.name, figures: req.figures };
    case 'consolidate': {
      const units = await refs(req.units, 'units');
      const [result] = await fresh([req.result], units[0], 'result');
      return { type: 'consolidate', units, result };
    }
    case 'split': {
      const unit = await ref(req.unit, 'unit');
      return { type: 'split', unit, into: await fresh(req.into, unit, 'into'), childrenTo: req.childrenTo, childMoves: await moves(req.childMoves) };
    }
    case 'separate': {
      const unit = await ref(req.unit, 'unit');
      return { type: 'separate', unit, parts: await fresh(req.parts, unit, 'parts'), childMoves: await moves(req.childMoves), remaining: req.remaining };
    }
    case 'transfer':
      return 'toParent' in req
        ? { type: 'transfer', unit: await ref(req.unit, 'unit'), toParent: await ref(req.toParent, 'toParent') }
        : { type: 'transfer', from: await ref(req.from, 'from'), to: await ref(req.to, 'to'), children: req.children && (await refs(req.children, 'children')), figures: req.figures };
    case 'rename':
      return { type: 'rename', unit: await ref(req.unit, 'unit'), name: req.name };
    case 'reclassify':
      return { type: 'reclassify', unit: await ref(req.unit, 'unit'), subtype: req.subtype, kind: req.kind, name: req.name };
    case 'amend':
      return { type: 'amend', unit: await ref(req.unit, 'unit'), figures: req.figures, code: req.code };
  }
}

async function resolveRef(trx: Trx, r: Ref, date: IsoDate, path: string): Promise<UnitId> {
  if ('id' in r) {
    if (!(await unitExists(trx, r.id))) throw new DomainError('UNKNOWN_UNIT', { ref: `id:${r.id}` }, path);
    return r.id;
  }
  const id = (await findUnitIdByCode(trx, r.code, dayBefore(date))) ?? (await findUnitIdByCode(trx, r.code, date));
  if (id === undefined) throw new DomainError('UNKNOWN_CODE', { code: r.code, date: dayBefore(date) }, path);
  return id;
}

async function newUnit(
  n: NewUnitRequest, id: UnitId, model: Version | undefined, path: string, ref: (r: Ref, path: string) => Promise<UnitId>,
): Promise<NewUnit> {
  const kind = n.kind ?? model?.kind;
  const subtype = n.subtype ?? (n.kind && n.kind !== model?.kind ? undefined : model?.subtype);
  if (!kind) throw new DomainError('FIELD_REQUIRED', {}, `${path}.kind`);
  if (!subtype) throw new DomainError('FIELD_REQUIRED', {}, `${path}.subtype`);
  const parent = n.parent === undefined ? (model?.parentId ?? null) : n.parent && (await ref(n.parent, `${path}.parent`));
  return { id, name: n.name, code: n.code ?? null, kind, subtype, parent, figures: n.figures ?? {} };
}
