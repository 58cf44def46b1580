import { dayBefore, type IsoDate } from '../../domain/dates.js';
import type { UnitId } from '../../domain/tree.js';
import type { Country, ProvinceInfo } from './country.js';
import type { DecisionInfo } from './decisions.js';
import { cited, coreName, PREFIX, withPrefix } from './names.js';
import { planCommunes, type CommuneScope, type NewCommune, type Piece } from './reform-communes.js';
import { provinceGroups, REFORM } from './reform.js';

/** A CSV as published: its header and its rows. */
export interface PublishedTable {
  columns: readonly string[];
  rows: string[][];
}

/** The 2025 reform of a generated country as the statistics office and the resolutions publish it. */
export interface ReformTables {
  at: IsoDate;
  /** The national list of the day before; an island district without communes is a row with empty commune cells. */
  units: PublishedTable;
  provinces: PublishedTable;
  communes: PublishedTable;
  /** What the import is told on its command line: the resolution on provinces, the law that ends the district level. */
  decisions: { provinces: DecisionInfo; districts: DecisionInfo };
}

const UNIT_COLUMNS = ['province_code', 'province_name', 'province_type', 'district_code', 'district_name', 'district_type', 'code', 'name', 'type'];
const PROVINCE_COLUMNS = ['new_code', 'new_name', 'old_code', 'old_name'];
const COMMUNE_COLUMNS = ['province_code', 'new_code', 'new_name', 'old_code', 'old_name', 'share', 'area_km2', 'population', 'decision', 'reissue'];

interface NewProvince {
  code: string;
  name: string;
  subtype: string;
  members: ProvinceInfo[];
}

/**
 * The reform of 01/07/2025 for the country as it stands on 30/06/2025, as tables to import
 * (import:reform): provinces consolidated 63 → 34 in groups of two or three, the new one taking a
 * predecessor's code; each old province's communes rearranged (see planCommunes), one resolution
 * per new province; island districts become đặc khu with new codes; a few closed codes reissued.
 */
export function publishReform(c: Country, provinces: ProvinceInfo[]): ReformTables {
  const before = dayBefore(REFORM);
  const units = unitList(c, provinces, before);
  const closed = closedCodes(c, before);
  const reissuing = new Set(c.rng.shuffle(provinces).slice(0, Math.max(1, Math.round((provinces.length * 3) / 63))).map((p) => p.id));
  const usedCodes = new Set<string>();
  const provinceRows: string[][] = [];
  const communeRows: string[][] = [];
  for (const np of newProvinces(c, provinces, before)) {
    const title = `Về việc sắp xếp các đơn vị hành chính cấp xã của ${cited(np.subtype, coreName(np.name))} năm 2025`;
    const decision = c.decisions.standingCommittee(`${np.code}-2025`, REFORM, title).number;
    for (const p of np.members) {
      provinceRows.push([np.code, np.name, p.code, c.on(p.id, before).name]);
      const scope: CommuneScope = { names: `r${np.code}`, mountain: p.mountain, usedCodes, closedCodes: closed.get(p.id) ?? [], reissues: reissuing.has(p.id) ? 1 : 0 };
      const planned = [...planCommunes(c, c.communesOf(p.id, before), scope), ...islandZones(c, p, before)];
      for (const x of planned) communeRows.push(...x.pieces.map((piece) => communeRow(np.code, x, piece, decision)));
    }
  }
  return {
    at: REFORM, units,
    provinces: { columns: PROVINCE_COLUMNS, rows: provinceRows },
    communes: { columns: COMMUNE_COLUMNS, rows: communeRows },
    decisions: {
      provinces: c.decisions.fixed('202/2025/QH15', 'Quốc hội', '2025-06-12', 'Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh'),
      districts: c.decisions.fixed('72/2025/QH15', 'Quốc hội', '2025-06-16', 'Luật Tổ chức chính quyền địa phương'),
    },
  };
}

export function toCsv(t: PublishedTable): string {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [t.columns, ...t.rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** Provinces kept as they are, and groups of two or three consolidated under one predecessor's code and another's name. */
function newProvinces(c: Country, provinces: ProvinceInfo[], date: IsoDate): NewProvince[] {
  const groups = provinceGroups(c, provinces.length);
  const grouped = new Set(groups.flat());
  const kept = provinces.filter((_, i) => !grouped.has(i)).map((p) => {
    const v = c.on(p.id, date);
    return { code: p.code, name: v.name, subtype: v.subtype, members: [p] };
  });
  const merged = groups.map((g) => {
    const members = g.map((i) => provinces[i]);
    const versions = members.map((p) => c.on(p.id, date));
    const seat = c.rng.pick(members);
    const named = c.rng.pick(versions);
    const subtype = versions.some((v) => v.subtype === 'thanh_pho_tw') ? 'thanh_pho_tw' : 'tinh';
    return { code: seat.code, name: withPrefix(subtype, coreName(named.name)), subtype, members };
  });
  return [...kept, ...merged].sort((a, b) => a.code.localeCompare(b.code));
}

function communeRow(province: string, x: NewCommune, p: Piece, decision: string): string[] {
  const f = p.figures;
  const share = p.share === 'whole' ? 'full' : 'partial';
  return [province, x.code, x.name, p.unit.code!, p.unit.name, share, f ? String(f.areaKm2) : '', f ? String(f.population) : '', decision, x.reissue ? 'cấp lại' : ''];
}

/** An island district without communes becomes a đặc khu with a new commune code. */
function islandZones(c: Country, p: ProvinceInfo, date: IsoDate): NewCommune[] {
  const islands = c.children(p.id, date, 'district').filter((d) => c.islands.has(d.unitId));
  return islands.map((d) => ({ code: c.communeCode(), name: withPrefix('dac_khu', coreName(d.name)), pieces: [{ unit: d, share: 'whole' }], reissue: false }));
}

/** The statistics office's list: every commune with its district and province; a district without communes on a row of its own. */
function unitList(c: Country, provinces: ProvinceInfo[], date: IsoDate): PublishedTable {
  const rows: string[][] = [];
  for (const p of [...provinces].sort((a, b) => a.code.localeCompare(b.code))) {
    const pv = c.on(p.id, date);
    for (const d of c.children(p.id, date, 'district')) {
      const head = [pv.code!, pv.name, PREFIX[pv.subtype], d.code!, d.name, PREFIX[d.subtype]];
      const communes = c.children(d.unitId, date, 'commune');
      if (communes.length === 0) rows.push([...head, '', '', '']);
      for (const x of communes) rows.push([...head, x.code!, x.name, PREFIX[x.subtype]]);
    }
  }
  return { columns: UNIT_COLUMNS, rows };
}

/** Commune codes closed by the day (no unit holds them any longer), by the province their last holder was in. */
function closedCodes(c: Country, date: IsoDate): Map<UnitId, string[]> {
  const out = new Map<UnitId, Set<string>>();
  for (const id of c.tree.unitIds()) {
    const last = c.tree.history(id).at(-1);
    if (!last || last.kind !== 'commune' || !last.code || last.validTo === null || last.validTo > date) continue;
    if (c.tree.codeHolders(last.code).some((h) => h.to === null || h.to > date)) continue;
    const parent = last.parentId === null ? undefined : c.tree.on(last.parentId, last.validFrom);
    const province = parent?.kind === 'province' ? parent.unitId : parent?.parentId;
    if (province != null) out.set(province, (out.get(province) ?? new Set()).add(last.code));
  }
  return new Map([...out].map(([p, codes]) => [p, [...codes]]));
}
