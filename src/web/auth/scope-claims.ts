import type { Request } from 'express';
import { unitsTouched } from '../../domain/changes/touched.js';
import { dayBefore, isIsoDate, todayInVietnam } from '../../domain/dates.js';
import type { Db } from '../../db/connection.js';
import { findChange } from '../../services/change.service.js';
import { findTarget } from '../../services/target.service.js';
import { findPlan, findProposals } from '../../services/plan.service.js';
import { resolveUnitRef } from '../../services/query.service.js';

/**
 * The units a write touches and the dates they are judged on, read from the raw body before it is
 * validated, leniently: what cannot be read yet is left to validation, and the service checks the
 * resolved change again inside its transaction (services/attributed.service.ts).
 */
export type ScopeClaim = { unit: number; dates: string[] }[];

const REF_KEYS = new Set(['unit', 'units', 'absorbed', 'into', 'parent', 'childrenTo', 'toParent', 'from', 'to', 'children', 'staffTo', 'continues', 'dissolve']);

/** `id:42`, `{ id: 42 }`, `{ code: "02845" }`, a bare code, or a number in JSON: ids and codes only. */
function refOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return `id:${v}`;
  if (typeof v === 'string' && /^(id:\d{1,12}|[0-9A-Za-z._-]{1,20})$/.test(v.trim())) return v.trim();
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === 'id') return refOf((v as { id: unknown }).id);
    if (keys.length === 1 && keys[0] === 'code' && typeof (v as { code: unknown }).code === 'string') return refOf((v as { code: string }).code);
  }
  return undefined;
}

/** Refs under the known keys, anywhere in the body; split indexes (`childrenTo`, `childMoves[].to`, staff shares) are not units. */
function collectRefs(body: unknown, out: string[], depth = 0, key = ''): void {
  if (depth > 6 || body === null || typeof body !== 'object') return;
  for (const [k, v] of Object.entries(body as object)) {
    const inIndexed = key === 'childMoves' || key === 'staff';
    if (REF_KEYS.has(k) && !(inIndexed && k === 'to') && !(k === 'childrenTo' && typeof v === 'number')) {
      for (const item of Array.isArray(v) ? v : [v]) {
        const ref = refOf(item);
        if (ref) out.push(ref);
      }
    }
    if (typeof v === 'object') collectRefs(v, out, depth + 1, Array.isArray(body) ? key : k);
  }
}

async function lenient(db: Db, refs: string[], dates: string[]): Promise<ScopeClaim> {
  const claim: ScopeClaim = [];
  for (const ref of new Set(refs)) {
    const id = await resolveUnitRef(db, ref, dates).catch(() => undefined);
    if (id !== undefined) claim.push({ unit: id, dates });
  }
  return claim;
}

const dateOf = (v: unknown) => (typeof v === 'string' && isIsoDate(v) ? v : todayInVietnam());

/** The record the path names (`:id`), when it is a positive integer. */
function idOf(req: Request): number | undefined {
  const id = Number(req.params.id);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** The scope unit a record has (if it exists), and the one the body gives it as `scope`. */
async function withBodyScope(db: Db, existing: ScopeClaim[number] | undefined, req: Request, bodyDates: string[]): Promise<ScopeClaim> {
  const claim: ScopeClaim = existing ? [existing] : [];
  const ref = refOf(req.body?.scope);
  if (ref) claim.push(...(await lenient(db, [ref], bodyDates)));
  return claim;
}

export async function changeScope(db: Db, req: Request): Promise<ScopeClaim> {
  const refs: string[] = [];
  collectRefs(req.body, refs);
  const on = dateOf(req.body?.effectiveOn);
  return lenient(db, refs.slice(0, 200), [dayBefore(on), on]);
}

export async function voidScope(db: Db, req: Request): Promise<ScopeClaim> {
  const id = idOf(req);
  const change = id === undefined ? undefined : await findChange(db, id);
  if (!change) return [];
  const dates = [dayBefore(change.effectiveOn), change.effectiveOn];
  return unitsTouched(change.input).map((unit) => ({ unit, dates }));
}

/** The unit the path names (`/units/:id/…`) on the date the body gives (`on`). */
export async function unitScope(_db: Db, req: Request): Promise<ScopeClaim> {
  const id = idOf(req);
  return id === undefined ? [] : [{ unit: id, dates: [dateOf(req.body?.on)] }];
}

/** A movement or quota (one, a list, or `{ movements: [...] }`): each row's unit on its date. */
export async function staffingScope(db: Db, req: Request): Promise<ScopeClaim> {
  const body = req.body;
  const rows: unknown[] = Array.isArray(body) ? body : Array.isArray(body?.movements) ? body.movements : [body];
  const claim: ScopeClaim = [];
  for (const row of rows.slice(0, 10_000)) {
    const r = row as { unit?: unknown; on?: unknown } | null;
    const ref = refOf(r?.unit);
    if (ref) claim.push(...(await lenient(db, [ref], [dateOf(r?.on)])));
  }
  return claim;
}

/** A target's scope unit, the one it has and the one the body gives it. */
export async function targetScope(db: Db, req: Request): Promise<ScopeClaim> {
  const today = todayInVietnam();
  const id = idOf(req);
  const existing = id === undefined ? undefined : await findTarget(db, id);
  return withBodyScope(db, existing && { unit: existing.scope_unit_id, dates: [today, existing.baseline_on] }, req, [today, dateOf(req.body?.baselineOn)]);
}

/**
 * A plan's scope unit (and, for a new plan or an edit, the scope the body gives it); for proposals
 * also the units the proposal names, read like a change's. Enacting checks every proposal's units.
 */
export async function planScope(db: Db, req: Request): Promise<ScopeClaim> {
  const today = todayInVietnam();
  const id = idOf(req);
  const plan = id === undefined ? undefined : await findPlan(db, id);
  const claim = await withBodyScope(db, plan && { unit: plan.scopeUnitId, dates: [plan.baseOn, today] }, req, [dateOf(req.body?.baseOn), today]);
  if (req.params.pid !== undefined || req.path.endsWith('/proposals')) claim.push(...(await changeScope(db, req)));
  return claim;
}

export async function enactmentScope(db: Db, req: Request): Promise<ScopeClaim> {
  const claim = await planScope(db, req);
  const id = idOf(req);
  if (id === undefined) return claim;
  const refs: string[] = [];
  for (const p of await findProposals(db, id)) collectRefs(p.request, refs);
  const on = dateOf(req.body?.effectiveOn);
  return [...claim, ...(await lenient(db, refs.slice(0, 1000), [dayBefore(on), on]))];
}

/** A report's layout is saved for the scope the form names (`scope`); the whole country's is checked by the service. */
export async function reportScope(db: Db, req: Request): Promise<ScopeClaim> {
  return withBodyScope(db, undefined, req, [dateOf(req.body?.to), dateOf(req.body?.from), todayInVietnam()]);
}
