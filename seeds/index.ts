import type { Db } from '../src/db/connection.js';
import { writeTransaction } from '../src/db/write-transaction.js';
import { agenciesOpening, agencyReductions } from './lao-cai/agencies.js';
import { DecisionBook } from './lao-cai/plan.js';
import { serviceUnitReductions, serviceUnits, serviceUnitsOpening } from './lao-cai/service-units.js';
import { runPlanWithStaff } from './lao-cai/staffing.js';
import { seedRegions } from './lao-cai/regions.js';
import { seedPlan2025 } from './lao-cai/plan-2025.js';
import { departmentsBeforeReform, departmentsMerged } from './lao-cai/departments-2025.js';
import { reform2025, yenBai2025 } from './lao-cai/reform-2025.js';
import { seedTargets } from './lao-cai/targets.js';
import { seedIndicators, seedLeaderRotations } from './lao-cai/indicators.js';
import { realChanges, saPa767, territoryOpening } from './lao-cai/territory.js';
import { allVillages, saPaResidentialGroups, villageMerges, villagesOpening } from './lao-cai/villages.js';

/**
 * The Lào Cai demo, recorded through the same services as any user's change, in one transaction.
 * Real: the province, its districts and the 164 → 151 commune-level units with the resolutions
 * 767 (a simplified reconstruction), 896 and 1197; Yên Bái from its list of 01/03/2025; the 2025
 * reform (202/2025/QH15, 1673/NQ-UBTVQH15, the end of the district level) from its published tables. Illustrative: villages, agencies, public
 * service units, their figures and decisions — fixed, the same on every load.
 */
export async function seedDemo(db: Db): Promise<{ changes: number; targets: number }> {
  const book = new DecisionBook();
  const villages = allVillages();
  const units = serviceUnits();
  const plan = [
    ...territoryOpening(), ...villagesOpening(villages), ...agenciesOpening(), ...serviceUnitsOpening(units),
    ...saPa767(), ...saPaResidentialGroups(villages, book), ...villageMerges(villages, book),
    ...agencyReductions(book), ...serviceUnitReductions(book), ...realChanges(), ...yenBai2025(),
  ];
  // Staffing (issue 5): the same plan, with illustrative staff loaded after the opening inventory, and the targets.
  return writeTransaction(db, async (trx) => {
    let changes = await runPlanWithStaff(trx, plan);
    await seedLeaderRotations(trx); // Reported indicators (issue 17): illustrative rotations of leaders in the staff records.
    changes += await departmentsBeforeReform(trx, book); // illustrative: 01/03/2025 departments, 178/2024 reductions
    changes += await reform2025(trx);
    changes += await departmentsMerged(trx, book); // illustrative: the two provinces' departments made one
    const loaded = { changes, targets: await seedTargets(trx) };
    await seedIndicators(trx); // The interview's other results, real on 02/09/2024, and a target on one of them.
    await seedRegions(trx); // Standards (issue 7): the province's region, for its standards.
    await seedPlan2025(trx); // Plans (issue 7): an illustrative plan, submitted, found by the standards.
    return loaded;
  });
}

export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.selectFrom('changes').select('id').limit(1).executeTakeFirst()) === undefined;
}
