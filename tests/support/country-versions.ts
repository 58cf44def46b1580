import type { Db } from '../../src/db/connection.js';
import type { CountryVersions, VersionFacts } from '../../src/domain/country-versions.js';

/** The kept versions as a plain sorted list, to compare with what the database holds. */
export function keptVersions(index: CountryVersions): VersionFacts[] {
  return [...index.values()].flat().sort((a, b) => a.id - b.id).map((v) => ({ ...v }));
}

/** Every stored version, read directly. */
export async function storedVersions(db: Db): Promise<VersionFacts[]> {
  const rows = await db.selectFrom('versions')
    .select(['id', 'unit_id', 'valid_from', 'valid_to', 'name', 'code', 'kind', 'subtype', 'parent_id'])
    .orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, unitId: r.unit_id, validFrom: r.valid_from, validTo: r.valid_to, name: r.name, code: r.code, kind: r.kind, subtype: r.subtype, parentId: r.parent_id }));
}
