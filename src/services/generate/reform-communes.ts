import type { UnitId, Version } from '../../domain/tree.js';
import type { Country } from './country.js';
import { coreName, withPrefix } from './names.js';
import { bySize } from './schedule.js';

/** One row of the correspondence table: an old unit, whole or in part (with figures when the decision states them). */
export interface Piece {
  unit: Version;
  share: 'whole' | 'part';
  figures?: { areaKm2: number; population: number };
}

export interface NewCommune {
  code: string;
  name: string;
  pieces: Piece[];
  /** The code is a closed one the statistics office gives again. */
  reissue: boolean;
}

/** Where one old province's new communes are named and coded. */
export interface CommuneScope {
  /** The name scope: names are unique within the new province. */
  names: string;
  mountain: boolean;
  /** Codes given to new units so far, country-wide. */
  usedCodes: Set<string>;
  /** Closed codes of the old province, for `reissues` of its new communes. */
  closedCodes: string[];
  reissues: number;
}

// Whole communes per new commune: mostly 2 to 4, a few kept alone, a few of five.
const RUN_SIZES = [1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5];
const DIVIDED = 0.035;
const STATED = 0.6;

/**
 * One old province's communes as the 2025 resolutions rearranged them: runs of neighbours (in
 * list order, across district lines) taken whole; about one in twenty divided among the 2–4 new
 * communes nearest to it; in one or two pairs of neighbouring new wards, a predecessor of each
 * divided between both (a swap of parts); a commune kept alone continues, a thị trấn as a xã.
 */
export function planCommunes(c: Country, communes: Version[], scope: CommuneScope): NewCommune[] {
  const divided = new Set(communes.length >= 6 ? communes.filter(() => c.rng.chance(DIVIDED)).map((v) => v.unitId) : []);
  const runs = formRuns(c, communes.filter((v) => !divided.has(v.unitId)));
  swapWards(c, runs);
  const position = new Map(communes.map((v, i) => [v.unitId, i]));
  for (const d of communes.filter((v) => divided.has(v.unitId))) shareOut(c, d, runs, position);
  stateFigures(c, runs);
  const out = runs.map((pieces): NewCommune => ({ code: '', name: '', pieces, reissue: false }));
  // Kept communes first, so that their names stand.
  for (const x of out.filter(isKept)) keep(c, x, scope);
  for (const x of out.filter((o) => !isKept(o))) form(c, x, scope);
  reissue(c, out.filter((o) => !isKept(o)), scope);
  return out;
}

function isKept(x: NewCommune): boolean {
  return x.pieces.length === 1 && x.pieces[0].share === 'whole';
}

function formRuns(c: Country, wholes: Version[]): Piece[][] {
  const runs: Piece[][] = [];
  for (let at = 0; at < wholes.length; ) runs.push(wholes.slice(at, (at += c.rng.pick(RUN_SIZES))).map((unit) => ({ unit, share: 'whole' })));
  return runs;
}

/** Two neighbouring new wards each take a part of the other's predecessor: a cycle no order of single changes expresses. */
function swapWards(c: Country, runs: Piece[][]): void {
  const wardy = (run: Piece[]) => run.some((p) => p.unit.subtype === 'phuong');
  const pairs = runs.flatMap((run, i) => (i > 0 && wardy(runs[i - 1]) && wardy(run) ? [i] : []));
  const used = new Set<number>();
  for (const i of c.rng.shuffle(pairs).slice(0, c.rng.int(1, 2))) {
    if (used.has(i) || used.has(i - 1)) continue;
    used.add(i).add(i - 1);
    const [x, y] = [swapped(runs[i - 1]), swapped(runs[i])];
    x.share = y.share = 'part';
    runs[i - 1].push({ unit: y.unit, share: 'part' });
    runs[i].push({ unit: x.unit, share: 'part' });
  }
}

/** A ward of the run other than its largest commune, when it has one. */
function swapped(run: Piece[]): Piece {
  const seat = [...run].sort((a, b) => bySize(a.unit, b.unit)).at(-1);
  const wards = run.filter((p) => p.unit.subtype === 'phuong');
  return wards.find((p) => p !== seat) ?? wards[0];
}

/** A divided commune's parts go to the 2–4 new communes nearest to it in the list (whole to the only one, if there is one). */
function shareOut(c: Country, d: Version, runs: Piece[][], position: Map<UnitId, number>): void {
  const at = position.get(d.unitId)!;
  const distance = (run: Piece[]) => Math.min(...run.map((p) => Math.abs(position.get(p.unit.unitId)! - at)));
  const near = runs.map((run, i) => ({ i, d: distance(run) })).sort((a, b) => a.d - b.d || a.i - b.i).slice(0, c.rng.int(2, 4));
  if (near.length === 1) runs[near[0].i].push({ unit: d, share: 'whole' });
  else for (const n of near) runs[n.i].push({ unit: d, share: 'part' });
}

/** Six decisions in ten state each part's area and population (adding up to the whole); the others do not. */
function stateFigures(c: Country, runs: Piece[][]): void {
  const parts = new Map<UnitId, Piece[]>();
  for (const p of runs.flat()) if (p.share === 'part') parts.set(p.unit.unitId, [...(parts.get(p.unit.unitId) ?? []), p]);
  for (const pieces of parts.values()) {
    const { areaKm2: area, population } = pieces[0].unit;
    if (area === null || population === null || !c.rng.chance(STATED)) continue;
    const weights = pieces.map(() => c.rng.next() + 0.5);
    const sum = weights.reduce((a, b) => a + b, 0);
    let [areaLeft, peopleLeft] = [area, population];
    pieces.forEach((p, i) => {
      const last = i === pieces.length - 1;
      const a = Math.round((last ? areaLeft : (area * weights[i]) / sum) * 100) / 100;
      const n = last ? peopleLeft : Math.round((population * weights[i]) / sum);
      p.figures = { areaKm2: a, population: n };
      [areaLeft, peopleLeft] = [areaLeft - a, peopleLeft - n];
    });
  }
}

/** A commune kept alone keeps its code and name (another name if the new province has it already); a thị trấn becomes a xã. */
function keep(c: Country, x: NewCommune, scope: CommuneScope): void {
  const v = x.pieces[0].unit;
  const subtype = v.subtype === 'thi_tran' ? 'xa' : v.subtype;
  const core = c.names.has(scope.names, coreName(v.name)) ? c.names.place(scope.names, scope.mountain && subtype === 'xa') : coreName(v.name);
  c.names.claim(scope.names, core);
  x.code = v.code!;
  x.name = withPrefix(subtype, core);
  scope.usedCodes.add(x.code);
}

/** A new commune takes the code of its largest whole predecessor (of its largest part when it has none), and its name or a new one. */
function form(c: Country, x: NewCommune, scope: CommuneScope): void {
  const wholes = x.pieces.filter((p) => p.share === 'whole').map((p) => p.unit);
  const sources = wholes.length ? wholes : x.pieces.map((p) => p.unit);
  const seat = sources.filter((v) => !scope.usedCodes.has(v.code!)).sort(bySize).at(-1);
  x.code = seat?.code ?? c.communeCode();
  scope.usedCodes.add(x.code);
  const subtype = sources.some((v) => v.subtype === 'phuong') ? 'phuong' : 'xa';
  const own = seat && coreName(seat.name);
  const core = own && c.rng.chance(0.5) && !c.names.has(scope.names, own) ? own : c.names.place(scope.names, scope.mountain && subtype === 'xa');
  c.names.claim(scope.names, core);
  x.name = withPrefix(subtype, core);
}

/** A few new communes are given a closed code instead (as two were in Gia Lai): the table says so on their rows. */
function reissue(c: Country, formed: NewCommune[], scope: CommuneScope): void {
  if (scope.reissues === 0) return;
  const codes = c.rng.shuffle(scope.closedCodes.filter((k) => !scope.usedCodes.has(k)));
  for (const x of c.rng.shuffle(formed).slice(0, Math.min(scope.reissues, codes.length))) {
    x.code = codes.pop()!;
    x.reissue = true;
    scope.usedCodes.add(x.code);
  }
}
