import type { IsoDate } from '../../domain/dates.js';
import * as bodies from './bodies.js';
import type { Country, ProvinceInfo } from './country.js';
import type { DecisionInfo } from './decisions.js';
import { shiftDate } from './random.js';
import { citeOf, Schedule } from './schedule.js';
import * as territory from './territory.js';
import * as villages from './villages.js';

type Action = (c: Country, p: ProvinceInfo, date: IsoDate, decide: () => DecisionInfo) => void;

/**
 * Ten years of history, 2015–2024 (and the department mergers of March 2025): two waves of
 * commune mergers per province (2019–2020 under NQ 653/2019, 2024 under NQ 35/2023), scattered
 * splits, transfers, renames and reclassifications, village mergers, school reorganisations.
 * Everything is planned first, then applied in date order to the tree as it stands on each date.
 */
export function planHistory(c: Country, provinces: ProvinceInfo[]): Schedule {
  const plan = new Schedule();
  for (const p of provinces) {
    planCommuneWave(c, plan, p, c.rng.firstOfMonth('2019-12-01', '2020-03-31'), [2, 9], 'giai đoạn 2019 - 2021');
    planCommuneWave(c, plan, p, c.rng.firstOfMonth('2024-09-01', '2024-12-31'), [1, 4], 'giai đoạn 2023 - 2025');
    planScattered(c, plan, p);
    planVillages(c, plan, p);
    planBodies(c, plan, p);
  }
  return plan;
}

function law(c: Country, p: ProvinceInfo, date: IsoDate, title: string): () => DecisionInfo {
  return () => c.decisions.standingCommittee(p.code, date, `${title} ${citeOf(c.on(p.id, date))}`);
}

function council(c: Country, p: ProvinceInfo, date: IsoDate): () => DecisionInfo {
  return () => c.decisions.council(p.code, citeOf(c.on(p.id, date)), date, 'Về việc sáp nhập, đặt tên, đổi tên thôn, tổ dân phố');
}

function committee(c: Country, p: ProvinceInfo, date: IsoDate, title: string): () => DecisionInfo {
  return () => c.decisions.committee(p.code, citeOf(c.on(p.id, date)), date, title);
}

function repeat(c: Country, plan: Schedule, p: ProvinceInfo, date: IsoDate, times: number, action: Action, decide: () => DecisionInfo): void {
  for (let i = 0; i < times; i++) plan.at(date, () => action(c, p, date, decide));
}

function planCommuneWave(c: Country, plan: Schedule, p: ProvinceInfo, date: IsoDate, merges: [number, number], period: string): void {
  const decide = law(c, p, date, `Về việc sắp xếp các đơn vị hành chính cấp huyện, cấp xã ${period} của`);
  repeat(c, plan, p, date, c.rng.int(...merges), territory.mergeCommunes, decide);
  repeat(c, plan, p, date, c.rng.int(0, 2), territory.consolidateCommunes, decide);
  repeat(c, plan, p, date, c.rng.int(0, 2), territory.upgradeCommune, decide);
  if (c.rng.chance(0.15)) repeat(c, plan, p, date, 1, territory.moveCommuneToCity, decide);
  if (c.rng.chance(0.1)) {
    const bodiesDecision = committee(c, p, date, 'Về việc sắp xếp các cơ quan, đơn vị cấp huyện sau khi nhập huyện');
    plan.at(date, () => territory.mergeDistrict(c, p, date, decide, bodiesDecision));
  }
  const later = shiftDate(date, c.rng.int(120, 240));
  if (later < '2025-01-01') repeat(c, plan, p, later, 1, bodies.mergeTwinBodies, committee(c, p, later, 'Về việc sáp nhập các trường học, trạm y tế sau sắp xếp đơn vị hành chính cấp xã'));
}

/** One change on a random first of the month in [from, to], with its own decision. */
function scattered(c: Country, plan: Schedule, p: ProvinceInfo, times: number, from: IsoDate, to: IsoDate, action: Action, title: string): void {
  for (let i = 0; i < times; i++) {
    const date = c.rng.firstOfMonth(from, to);
    plan.at(date, () => action(c, p, date, law(c, p, date, title)));
  }
}

function planScattered(c: Country, plan: Schedule, p: ProvinceInfo): void {
  if (c.rng.chance(0.35)) scattered(c, plan, p, 1, '2015-03-01', '2019-06-30', territory.splitCommune, 'Về việc chia xã để thành lập các xã mới thuộc');
  if (c.rng.chance(0.35)) scattered(c, plan, p, 1, '2015-03-01', '2023-06-30', territory.separateCommune, 'Về việc điều chỉnh địa giới để thành lập xã mới thuộc');
  if (c.rng.chance(0.3)) scattered(c, plan, p, 1, '2016-01-01', '2023-12-31', territory.upgradeDistrict, 'Về việc thành lập thị xã, các phường thuộc');
  scattered(c, plan, p, c.rng.int(0, 2), '2015-03-01', '2024-06-30', territory.upgradeCommune, 'Về việc thành lập thị trấn, phường thuộc');
  scattered(c, plan, p, c.rng.int(0, 2), '2015-03-01', '2024-06-30', territory.renameCommune, 'Về việc đổi tên đơn vị hành chính cấp xã thuộc');
  scattered(c, plan, p, c.rng.int(0, 3), '2015-03-01', '2024-06-30', territory.adjustBoundary, 'Về việc điều chỉnh địa giới đơn vị hành chính cấp xã thuộc');
  const census = '2019-04-01';
  repeat(c, plan, p, census, c.rng.int(0, 5), territory.amendPopulation, committee(c, p, census, 'Về việc công bố số liệu dân số theo kết quả Tổng điều tra dân số năm 2019'));
}

function planVillages(c: Country, plan: Schedule, p: ProvinceInfo): void {
  for (let wave = c.rng.int(2, 4); wave > 0; wave--) {
    const date = c.rng.firstOfMonth('2018-01-01', '2021-12-31');
    repeat(c, plan, p, date, c.rng.int(3, 12), villages.mergeVillages, council(c, p, date));
  }
  for (const [action, times] of [[villages.renameVillage, 3], [villages.moveVillage, 2], [villages.newResidentialGroup, 2]] as const) {
    for (let i = c.rng.int(0, times); i > 0; i--) {
      const date = c.rng.firstOfMonth('2015-03-01', '2024-12-31');
      plan.at(date, () => action(c, p, date, council(c, p, date)));
    }
  }
}

function planBodies(c: Country, plan: Schedule, p: ProvinceInfo): void {
  for (let wave = c.rng.int(2, 3); wave > 0; wave--) {
    const date = c.rng.firstOfMonth('2017-01-01', '2022-12-31');
    repeat(c, plan, p, date, c.rng.int(3, 10), bodies.consolidateSchools, committee(c, p, date, 'Về việc tổ chức lại các trường tiểu học và trung học cơ sở'));
  }
  const boards = c.rng.int(1, 4);
  for (let i = 0; i < boards; i++) {
    const date = c.rng.firstOfMonth('2016-01-01', '2024-12-31');
    plan.at(date, () => bodies.dissolveProjectBoard(c, p, date, committee(c, p, date, 'Về việc giải thể Ban Quản lý dự án đầu tư xây dựng cấp huyện')));
  }
  const branch = (date: IsoDate, title: string, run: (decide: () => DecisionInfo) => void) => plan.at(date, () => run(committee(c, p, date, title)));
  const d1 = c.rng.firstOfMonth('2016-01-01', '2020-12-31');
  if (c.rng.chance(0.6)) branch(d1, 'Về việc sáp nhập Chi cục Phát triển nông thôn vào Sở', (d) => bodies.mergeBranch(c, p, d1, d, 'cc-ptnt', 'so-nn'));
  const d2 = c.rng.firstOfMonth('2019-01-01', '2020-12-31');
  if (c.rng.chance(0.7)) branch(d2, 'Về việc giải thể Chi cục Phòng, chống tệ nạn xã hội', (d) => bodies.dissolveBranch(c, p, d2, d, 'cc-te-nan', 'so-ldtbxh'));
  const d3 = c.rng.firstOfMonth('2016-01-01', '2019-12-31');
  if (c.rng.chance(0.12)) branch(d3, 'Về việc thành lập Sở Du lịch', (d) => bodies.separateTourism(c, p, d3, d));
  const march = '2025-03-01';
  plan.at(march, () => bodies.mergeDepartments2025(c, p, march, committee(c, p, march, 'Về việc sắp xếp các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh')));
}
