import { mapRefs, type ChangeInput, type NewUnit } from '../domain/changes/index.js';
import { dayBefore, type IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import type { UnitId, Version } from '../domain/tree.js';
import { findUnitIdByCode, findVersionOn, insertUnits, unitExists } from '../db/unit.repository.js';
import type { ChangeRequest, NewUnitRequest, Ref } from './change-request.js';
import type { Trx } from '../db/connection.js';

/**
 * Turns a request into the event's input: refs become ids, new units get ids, and their kind,
 * subtype and parent default to those of the unit they come from. A code names the unit that held
 * it on the day before the change (the unit the change acts on), or on its day for a unit an
 * earlier change of that day created; a parent (where a unit will hang) names the unit that holds
 * the code on the change's day first, so a same-day chain (communes under a province formed that
 * day, whose new code a predecessor held the day before) needs no ordering by hand beyond recording
 * the higher level first.
 */
export async function resolveRequest(trx: Trx, req: ChangeRequest, now: string): Promise<ChangeInput> {
  const date = req.effectiveOn;
  const known = new Map<string, Promise<UnitId>>();
  const ref = (r: Ref, path: string) => {
    const key = keyOf(r);
    if (!known.has(key)) known.set(key, resolveRef(trx, r, date, path));
    return known.get(key)!;
  };
  // First the references as the change type lays them out, then the new units (ids, defaults), then the input.
  const refs: [Ref, string][] = [];
  const groups: { units: NewUnitRequest[]; template: Ref | null; path: string }[] = [];
  mapRefs<Ref, Ref, NewUnitRequest, never>(req, {
    unit: (r, path) => (refs.push([r, path]), r),
    newUnits: (units, template, path) => (groups.push({ units, template, path }), []),
  });
  const ids = new Map<string, UnitId>();
  for (const [r, path] of refs) ids.set(keyOf(r), await ref(r, path));
  const created = new Map<string, NewUnit[]>();
  for (const g of groups) {
    const model = g.template === null ? undefined : await findVersionOn(trx, ids.get(keyOf(g.template))!, date);
    const fresh = await insertUnits(trx, g.units.length, now);
    created.set(g.path, await Promise.all(g.units.map((n, i) => newUnit(n, fresh[i], model, `${g.path}.${i}`, ref))));
  }
  return mapRefs(req, { unit: (r) => ids.get(keyOf(r))!, newUnits: (_units, _template, path) => created.get(path)! });
}

const keyOf = (r: Ref) => ('id' in r ? `id:${r.id}` : r.code);

async function resolveRef(trx: Trx, r: Ref, date: IsoDate, path: string): Promise<UnitId> {
  if ('id' in r) {
    if (!(await unitExists(trx, r.id))) throw new DomainError('UNKNOWN_UNIT', { ref: `id:${r.id}` }, path);
    return r.id;
  }
  const days = /(^|\.)(parent|toParent)$/.test(path) ? [date, dayBefore(date)] : [dayBefore(date), date];
  const id = (await findUnitIdByCode(trx, r.code, days[0])) ?? (await findUnitIdByCode(trx, r.code, days[1]));
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
