import type { ReorganiseOutput } from '../domain/changes/index.js';
import { typeFromName } from '../domain/vocabulary.js';
import type { Kind } from '../domain/kinds.js';
import type { NewUnitRequest, Ref } from './change-request.js';
import { CsvParseError, parseCsv } from './csv.js';

import type { RowError } from './import.service.js';

export type { RowError };

/** One published row: a new unit and one of the old units it is formed from. */
export interface PairRow {
  line: number;
  newCode: string;
  newName: string;
  oldCode: string;
  oldName: string;
  share: 'whole' | 'part';
  areaKm2?: number;
  population?: number;
  reissue: boolean;
}

export const PAIR_COLUMNS = ['new_code', 'new_name', 'old_code', 'share'];

const SHARES: Record<string, 'whole' | 'part'> = {
  full: 'whole', whole: 'whole', 'toàn bộ': 'whole', 'toan bo': 'whole',
  partial: 'part', part: 'part', 'một phần': 'part', 'mot phan': 'part',
};

/** The pair rows of a correspondence table (CSV cells by header), every bad cell reported at once. */
export function pairRows(rows: Record<string, string>[], lines: number[], errors: RowError[]): PairRow[] {
  const out: PairRow[] = [];
  rows.forEach((r, i) => {
    const line = lines[i];
    const bad = (column: string, message: string) => errors.push({ row: line, column, message });
    for (const c of ['new_code', 'new_name', 'old_code']) if (!r[c]) bad(c, 'empty');
    const share = SHARES[(r.share ?? '').normalize('NFC').toLowerCase()];
    if (!share) bad('share', `"${r.share ?? ''}" is neither full nor partial`);
    const figure = (column: string, integer: boolean) => {
      const s = r[column]?.replace(',', '.');
      if (!s) return undefined;
      const n = Number(s);
      if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) bad(column, `"${r[column]}" is not a figure`);
      else if (share !== 'part') bad(column, 'figures are given for parts only (a whole brings its own)');
      return n;
    };
    const areaKm2 = figure('area_km2', false);
    const population = figure('population', true);
    out.push({
      line, newCode: r.new_code ?? '', newName: r.new_name ?? '', oldCode: r.old_code ?? '', oldName: r.old_name ?? '',
      share: share ?? 'whole', areaKm2, population, reissue: Boolean(r.reissue),
    });
  });
  return out;
}

export interface Grouped {
  outputs: ReorganiseOutput<Ref, NewUnitRequest>[];
  /** The lines of each output's rows, beside `outputs` (for errors). */
  lines: number[][];
  reissue: string[];
}

/**
 * The outputs of a reorganisation as the table means them: rows grouped by new code; a new unit
 * that is one whole old unit under the same code, listed nowhere else, is that unit continuing
 * (renamed if the name differs); any other group is a new unit taking the new code. Every output
 * hangs from `parent` (without it, a new unit where its first constituent hung, a continuing one
 * where it was). Types come from the new names ("Phường …", "Xã …").
 */
export function groupOutputs(pairs: PairRow[], parent: Ref | undefined, kind: Kind, errors: RowError[]): Grouped {
  const groups = new Map<string, PairRow[]>();
  for (const p of pairs) groups.set(p.newCode, [...(groups.get(p.newCode) ?? []), p]);
  const listed = new Map<string, number>();
  for (const p of pairs) listed.set(p.oldCode, (listed.get(p.oldCode) ?? 0) + 1);
  const outputs: Grouped['outputs'] = [];
  const lines: number[][] = [];
  for (const [code, rows] of groups) {
    const first = rows[0];
    for (const r of rows.slice(1)) if (r.newName !== first.newName) errors.push({ row: r.line, column: 'new_name', message: `new code ${code} is named "${first.newName}" on line ${first.line}` });
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(r.oldCode)) errors.push({ row: r.line, column: 'old_code', message: `${r.oldCode} is listed twice for ${code}` });
      seen.add(r.oldCode);
    }
    const type = typeFromName(first.newName, kind);
    if (!type) errors.push({ row: first.line, column: 'new_name', message: `"${first.newName}" does not start with a type of this level` });
    const from = rows.map((r) => ({
      unit: { code: r.oldCode }, share: r.share,
      ...(r.share === 'part' && (r.areaKm2 !== undefined || r.population !== undefined) ? { figures: { areaKm2: r.areaKm2, population: r.population } } : {}),
    }));
    lines.push(rows.map((r) => r.line));
    const continues = rows.length === 1 && first.share === 'whole' && first.oldCode === code && listed.get(code) === 1;
    if (continues) {
      outputs.push({
        continues: { code }, name: first.newName, ...(type ? { subtype: type.subtype } : {}), ...(parent ? { parent } : {}), from: [],
      });
    } else {
      outputs.push({ unit: { name: first.newName, code, ...(type ?? { kind }), ...(parent ? { parent } : {}) }, from });
    }
  }
  return { outputs, lines, reissue: [...new Set(pairs.filter((p) => p.reissue).map((p) => p.newCode))] };
}

const HEADERLESS: Record<number, string> = {
  4: 'new_code,new_name,old_code,share',
  5: 'new_code,new_name,old_code,old_name,share',
};

/**
 * A correspondence table pasted into the reorganisation form: the published columns with their
 * header, or without it four (new_code, new_name, old_code, share) or five (… old_name before share).
 */
export function outputsFromTable(text: string, parent: Ref | undefined): Grouped & { errors: RowError[] } {
  const errors: RowError[] = [];
  const lines = text.replace(/\r\n?/g, '\n').trim();
  const first = lines.split('\n')[0] ?? '';
  const width = first.split(/[,;\t]/).length;
  const withHeader = /new_code/.test(first) ? lines : `${HEADERLESS[width] ?? HEADERLESS[4]}\n${lines}`;
  const offset = withHeader === lines ? 0 : -1; // the line numbers the user sees
  try {
    const { rows, lines: at } = parseCsv(withHeader.replace(/\t|;/g, ','));
    const pairs = pairRows(rows, at.map((n) => n + offset), errors);
    return { ...groupOutputs(pairs, parent, 'commune', errors), errors };
  } catch (err) {
    if (!(err instanceof CsvParseError)) throw err;
    return { outputs: [], lines: [], reissue: [], errors: err.problems.map((p) => ({ row: p.line + offset, column: '*', message: p.message.replace(/^line \d+: /, '') })) };
  }
}
