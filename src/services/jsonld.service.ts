import { formatDateVi, type IsoDate } from '../domain/dates.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { snapshotOf } from '../domain/compare.js';
import { subtreeOn, type VersionFacts } from '../domain/country-versions.js';
import { countryView } from './country-versions.service.js';
import { keptLineageBetween } from './country-lineage.service.js';

const CONTEXT = {
  org: 'http://www.w3.org/ns/org#',
  prov: 'http://www.w3.org/ns/prov#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  dct: 'http://purl.org/dc/terms/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  name: 'skos:prefLabel',
  notation: 'skos:notation',
  classification: 'org:classification',
  subOrganizationOf: { '@id': 'org:subOrganizationOf', '@type': '@id' },
  originalOrganization: { '@id': 'org:originalOrganization', '@type': '@id' },
  resultingOrganization: { '@id': 'org:resultingOrganization', '@type': '@id' },
  changedBy: { '@id': 'org:changedBy', '@type': '@id' },
  resultedFrom: { '@id': 'org:resultedFrom', '@type': '@id' },
  startedAtTime: { '@id': 'prov:startedAtTime', '@type': 'xsd:dateTime' },
  description: 'dct:description',
  source: 'dct:source',
};

/**
 * The tree on `at` under the root (the whole country when null) as W3C Organization Ontology
 * JSON-LD, with every change event up to `at` that led to or from one of its units. IRIs are
 * this server's unit and change pages, so a reader can follow them.
 */
export async function exportJsonLd(db: Db, at: IsoDate, rootId: UnitId | null, base: string): Promise<object> {
  const [view, pairs] = await Promise.all([countryView(db, at), keptLineageBetween(db, '0000-01-01', at)]);
  const units = (rootId === null ? view.on.filter((v): v is VersionFacts => v !== undefined) : subtreeOn(view, rootId)).map(snapshotOf);
  const ids = new Set(units.map((u) => u.unitId));
  const unitIri = (id: UnitId) => `${base}/units/${id}`;
  const events = new Map<number, { pairs: typeof pairs }>();
  for (const p of pairs) {
    if (p.from === p.to || !(ids.has(p.from) || ids.has(p.to))) continue;
    const e = events.get(p.changeId) ?? { pairs: [] };
    e.pairs.push(p);
    events.set(p.changeId, e);
  }
  const orgs = units.map((u) => ({
    '@id': unitIri(u.unitId), '@type': 'org:Organization', name: u.name, ...(u.code ? { notation: u.code } : {}),
    classification: `${u.kind}/${u.subtype}`,
    ...(u.parentId !== null && u.unitId !== rootId ? { subOrganizationOf: unitIri(u.parentId) } : {}),
  }));
  const changeEvents = [...events].map(([id, { pairs: list }]) => ({
    '@id': `${base}/changes/${id}`, '@type': 'org:ChangeEvent',
    originalOrganization: [...new Set(list.map((p) => p.from))].map(unitIri),
    resultingOrganization: [...new Set(list.map((p) => p.to))].map(unitIri),
    startedAtTime: `${list[0].effectiveOn}T00:00:00+07:00`,
    description: `${list[0].type}, ${list[0].decision}, ${formatDateVi(list[0].effectiveOn)}`,
    source: list[0].decision,
  }));
  return { '@context': CONTEXT, '@graph': [...orgs, ...changeEvents] };
}
