import type { Decision } from '../db/decision.repository.js';
import type { Comparison } from './compare.service.js';
import type { ChangeSummary } from './register.service.js';

/** How many decisions the legal-basis cell names before "và N văn bản khác". */
export const MAIN_DECISIONS = 3;

/** A document of the legal basis, for the appendix: where it is cited and how much it changed. */
export interface BasisDocument {
  number: string;
  decision: Decision | null;
  kinds: string[];
  changes: number;
  units: number;
}

export interface ReportBasis {
  /** Per kind: the main decisions, most units changed first, and how many others the appendix lists. */
  main: Map<string, { main: string[]; others: number }>;
  documents: BasisDocument[];
}

/** Units each decision changed: per kind from the scope's classified units, else (the whole country) from the register. */
function weights(c: Comparison, register: ChangeSummary[]) {
  const perKind = new Map<string, Map<string, number>>();
  for (const u of c.units) {
    const kind = (u.before ?? u.after)!.kind;
    const m = perKind.get(kind) ?? perKind.set(kind, new Map()).get(kind)!;
    const ds = new Set(u.successors.flatMap((s) => s.steps.map((id) => c.changes.get(id)?.decision ?? '')));
    for (const d of ds) if (d) m.set(d, (m.get(d) ?? 0) + 1);
  }
  const overall = new Map<string, number>();
  for (const ch of register) {
    const units = new Set(ch.lineage.flatMap((l) => l.from.map((f) => f.id))).size || 1;
    overall.set(ch.decision.number, (overall.get(ch.decision.number) ?? 0) + units);
  }
  return { perKind, overall, of: (kind: string, d: string) => perKind.get(kind)?.get(d) ?? overall.get(d) ?? 0 };
}

/**
 * The legal basis of a report: per kind of unit the few decisions that changed the most units of
 * that kind in the period (ties: the most recently signed first), and every document in full for
 * the appendix, in the order they were signed.
 */
export function reportBasis(c: Comparison, basis: Map<string, string[]>, register: ChangeSummary[], cited: Decision[] = []): ReportBasis {
  const w = weights(c, register);
  // The register's own decisions first; `cited` gives the details of the others the basis names (the first of each number).
  const byNumber = new Map([...[...cited].reverse().map((d) => [d.number, d] as const), ...register.map((ch) => [ch.decision.number, ch.decision] as const)]);
  const signed = (d: string) => byNumber.get(d)?.signedOn ?? '';
  const main = new Map<string, { main: string[]; others: number }>();
  for (const [kind, list] of basis) {
    const ranked = [...list].sort((a, b) => w.of(kind, b) - w.of(kind, a) || signed(b).localeCompare(signed(a)) || a.localeCompare(b));
    main.set(kind, { main: ranked.slice(0, MAIN_DECISIONS), others: Math.max(0, ranked.length - MAIN_DECISIONS) });
  }
  const numbers = new Set([...[...basis.values()].flat(), ...byNumber.keys()]);
  const changes = new Map<string, number>();
  for (const ch of register) changes.set(ch.decision.number, (changes.get(ch.decision.number) ?? 0) + 1);
  const documents = [...numbers].map((number) => ({
    number, decision: byNumber.get(number) ?? null, kinds: [...basis].filter(([, l]) => l.includes(number)).map(([k]) => k),
    changes: changes.get(number) ?? 0, units: w.overall.get(number) ?? 0,
  }));
  documents.sort((a, b) => signed(a.number).localeCompare(signed(b.number)) || a.number.localeCompare(b.number, 'vi', { numeric: true }));
  return { main, documents };
}
