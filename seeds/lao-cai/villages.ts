import type { DecisionRequest, NewUnitRequest } from '../../src/services/change-request.js';
import { villageName, residentialGroupName } from './names.js';
import { groupBy, OPENING, OPENING_DECISION, type DecisionBook, type PlannedChange } from './plan.js';
import { apportion, intBetween, rng } from './random.js';
import { DISTRICTS, openingCommunes, type Commune } from './territory.js';

/**
 * Illustrative villages (no public list exists): 2,852 thôn, bản and tổ dân phố in 2015, of which
 * 647 — most below half the household standard (150 for a thôn, 200 for a tổ dân phố) — are merged
 * into neighbours in 2018–2020, leaving 2,205 (1,717 thôn and bản, 488 tổ dân phố).
 * Urban units hold tổ dân phố; the five Sa Pa xã that became phường in 2019 turn theirs into tổ dân phố.
 */
const GROUPS = {
  urban: { final: 400, merged: 110 },
  saPaWards: { final: 88, merged: 20 },
  rural: { final: 1717, merged: 517 },
};
const SA_PA_WARDS = ['03002', '03003', '03006', '03016', '03028'];
const MERGE_DATES = ['2018-04-01', '2018-07-01', '2018-10-01', '2019-01-01', '2019-04-01', '2019-07-01', '2019-09-01', '2019-11-01', '2020-01-01'];

interface Village {
  key: string;
  commune: Commune;
  unit: NewUnitRequest;
  survives: boolean;
}

function groupOf(c: Commune): keyof typeof GROUPS {
  if (SA_PA_WARDS.includes(c.code)) return 'saPaWards';
  return c.subtype === 'xa' ? 'rural' : 'urban';
}

function villagesOf(c: Commune, final: number, merged: number): Village[] {
  const r = rng(Number(c.code) * 31);
  const urban = groupOf(c) === 'urban';
  const prefix = ['087', '089'].includes(c.district) && r() < 0.5 ? 'Bản' : 'Thôn';
  return Array.from({ length: final + merged }, (_, i) => {
    const survives = i < final;
    const households = urban ? (survives ? intBetween(r, 130, 380) : intBetween(r, 30, 95)) : survives ? intBetween(r, 90, 260) : intBetween(r, 20, 70);
    const name = urban ? residentialGroupName(i) : villageName(prefix, i, Number(c.code));
    const subtype = urban ? 'to_dan_pho' : prefix === 'Bản' ? 'ban' : 'thon';
    return { key: `v:${c.code}:${i}`, commune: c, survives, unit: { name, kind: 'village', subtype, parent: { code: c.code }, figures: { households } } };
  });
}

export function allVillages(): Village[] {
  const communes = openingCommunes();
  const out: Village[] = [];
  for (const [group, totals] of Object.entries(GROUPS) as [keyof typeof GROUPS, { final: number; merged: number }][]) {
    const members = communes.filter((c) => groupOf(c) === group);
    const weights = members.map((c) => 0.6 + rng(Number(c.code) * 7)() * 0.8);
    const finals = apportion(totals.final, weights);
    const merges = apportion(totals.merged, weights.map((w) => 1.4 - w / 2));
    members.forEach((c, i) => out.push(...villagesOf(c, finals[i], merges[i])));
  }
  return out;
}

export function villagesOpening(villages: Village[]): PlannedChange[] {
  return DISTRICTS.map((d) => {
    const mine = villages.filter((v) => v.commune.district === d.code);
    return { date: OPENING, creates: mine.map((v) => v.key), build: () => ({ effectiveOn: OPENING, decision: OPENING_DECISION, type: 'establish', units: mine.map((v) => v.unit) }) };
  });
}

/** Villages below the standard join a neighbour of the same commune, two at most into each. */
export function villageMerges(villages: Village[], book: DecisionBook): PlannedChange[] {
  const out: PlannedChange[] = [];
  const decisions = new Map<string, DecisionRequest>();
  const decisionFor = (district: string, date: string) => {
    const key = `${district}:${date}`;
    if (!decisions.has(key)) decisions.set(key, book.issue(date, `Quyết định sáp nhập thôn, tổ dân phố (huyện ${district})`));
    return decisions.get(key)!;
  };
  const byCommune = groupBy(villages, (v) => v.commune.code);
  [...byCommune.values()].forEach((list, ci) => {
    const c = list[0].commune;
    const district = DISTRICTS.findIndex((d) => d.code === c.district);
    const dateIndex = (district + ci) % (c.district === '088' ? 6 : MERGE_DATES.length);
    const survivors = list.filter((v) => v.survives);
    const absorbed = list.filter((v) => !v.survives);
    const into = groupBy(absorbed, (_, k) => survivors[Math.floor(k / 2) % survivors.length].key);
    for (const [target, group] of into) {
      out.push({
        date: MERGE_DATES[dateIndex],
        build: (ref) => ({
          effectiveOn: MERGE_DATES[dateIndex], decision: decisionFor(c.district, MERGE_DATES[dateIndex]), type: 'merge',
          absorbed: group.map((v) => ref(v.key)), into: ref(target),
        }),
      });
    }
  });
  return out;
}

/** When five Sa Pa xã became phường (01/10/2019), their thôn became tổ dân phố. */
export function saPaResidentialGroups(villages: Village[], book: DecisionBook): PlannedChange[] {
  const date = '2019-10-01';
  const decision = book.issue(date, 'Quyết định chuyển thôn thành tổ dân phố thuộc các phường của thị xã Sa Pa');
  return villages
    .filter((v) => v.survives && SA_PA_WARDS.includes(v.commune.code))
    .map((v) => ({
      date,
      build: (ref) => ({ effectiveOn: date, decision, type: 'reclassify', unit: ref(v.key), subtype: 'to_dan_pho', name: v.unit.name.replace(/^(Thôn|Bản)/, 'Tổ dân phố') }),
    }));
}
