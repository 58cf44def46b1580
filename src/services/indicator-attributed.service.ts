import type { Db } from '../db/connection.js';
import { audited } from './audit.service.js';
import {
  createIndicatorIn, editIndicatorIn, recordIndicatorValuesIn, retireIndicatorIn, type IndicatorInput, type IndicatorValueInput,
} from './indicator.service.js';
import type { Writer } from './scope.service.js';

/**
 * The administrator's writes on reported indicators, as attributed.service.ts does for the others:
 * the signed-in user's name is recorded and the audit entry commits with the write.
 */

const summary = (i: IndicatorInput) => ({ nameVi: i.nameVi, nameEn: i.nameEn, unitVi: i.unitVi, unitEn: i.unitEn, scopeUnitId: i.scopeUnitId, source: i.source, byLevel: i.byLevel, countedFrom: i.countedFrom });

export async function createIndicatorAs(db: Db, i: IndicatorInput, who: Writer): Promise<number> {
  return audited(db, who, (trx) => createIndicatorIn(trx, i), (id) => ({ action: 'indicator.create', entity: 'indicator', entityId: id, after: summary(i) }));
}

export async function editIndicatorAs(db: Db, id: number, i: IndicatorInput, who: Writer): Promise<void> {
  await audited(db, who, (trx) => editIndicatorIn(trx, id, i), (b) => ({
    action: 'indicator.update', entity: 'indicator', entityId: id, after: summary(i),
    before: { nameVi: b.nameVi, nameEn: b.nameEn, unitVi: b.unitVi, unitEn: b.unitEn, scopeUnitId: b.scopeUnitId, source: b.source, byLevel: b.byLevel, countedFrom: b.countedFrom },
  }));
}

export async function retireIndicatorAs(db: Db, id: number, who: Writer): Promise<void> {
  await audited(db, who, (trx) => retireIndicatorIn(trx, id), () => ({ action: 'indicator.retire', entity: 'indicator', entityId: id, before: { retired: false }, after: { retired: true } }));
}

export async function recordIndicatorValuesAs(db: Db, id: number, values: IndicatorValueInput[], who: Writer): Promise<number> {
  return audited(db, who, (trx) => recordIndicatorValuesIn(trx, id, values, who.username), () => ({
    action: 'indicator.value', entity: 'indicator', entityId: id, after: values.map(({ on, level, value, since, source, illustrative }) => ({ on, level, value, since, source, illustrative })),
  }));
}
