import type { Db } from '../db/connection.js';
import { findReportLayout, upsertReportLayout, type ReportLayoutRow } from '../db/report-layout.repository.js';
import type { IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import { audited } from './audit.service.js';
import { assertWithinScope, type Writer } from './scope.service.js';

/**
 * What Nghị định 30/2020/NĐ-CP puts around a report: the issuing office under its parent, số/ký
 * hiệu, place and date, type and subject (trích yếu), recipients (Nơi nhận), and the signer's
 * authority (TM., KT., …), title and name.
 */
export interface ReportLayout {
  parentOffice: string;
  office: string;
  number: string;
  place: string;
  /** Null: the date is left blank, to be written when the report is signed. */
  signedOn: IsoDate | null;
  docType: string;
  subject: string;
  recipients: string[];
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
}

/** A scope's key: its code or id:N as the report's URL names it, '*' for the whole country. */
export const layoutScope = (root: string | undefined) => root || '*';

function fromRow(r: ReportLayoutRow, d: ReportLayout): ReportLayout {
  const or = (v: string | null, fallback: string) => (v === null ? fallback : v);
  return {
    parentOffice: or(r.parent_office, d.parentOffice), office: or(r.office, d.office), number: or(r.number, d.number),
    place: or(r.place, d.place), signedOn: r.signed_on, docType: or(r.doc_type, d.docType), subject: or(r.subject, d.subject),
    recipients: r.recipients === null ? d.recipients : r.recipients.split('\n').filter((l) => l.trim() !== ''),
    signerAuthority: or(r.signer_authority, d.signerAuthority), signerTitle: or(r.signer_title, d.signerTitle), signerName: or(r.signer_name, d.signerName),
  };
}

/** The layout saved for the scope, or the defaults the page derives from the scope; `saved` says which. */
export async function reportLayout(db: Db, scope: string, defaults: ReportLayout): Promise<{ layout: ReportLayout; saved: boolean }> {
  const row = await findReportLayout(db, scope);
  return row ? { layout: fromRow(row, defaults), saved: true } : { layout: defaults, saved: false };
}

/**
 * Remembers the layout of a scope's reports. An editor may save only their own scope's (or a unit
 * under it); the whole country's belongs to administrators.
 */
export async function saveReportLayout(db: Db, scope: { key: string; unitId: number | null; dates: IsoDate[] }, layout: ReportLayout, who: Writer): Promise<void> {
  const row = {
    scope: scope.key, parent_office: layout.parentOffice, office: layout.office, number: layout.number, place: layout.place,
    signed_on: layout.signedOn, doc_type: layout.docType, subject: layout.subject, recipients: layout.recipients.join('\n'),
    signer_authority: layout.signerAuthority, signer_title: layout.signerTitle, signer_name: layout.signerName,
    updated_at: new Date().toISOString(), updated_by: who.username,
  };
  await audited(db, who, async (trx) => {
    if (scope.unitId === null && who.scopeUnitId !== null) throw new DomainError('REPORT_LAYOUT_COUNTRY');
    if (scope.unitId !== null) await assertWithinScope(trx, who, [scope.unitId], scope.dates);
    await upsertReportLayout(trx, row);
  }, () => ({ action: 'report.layout', entity: 'report_layout', entityId: scope.key, after: layout }));
}
