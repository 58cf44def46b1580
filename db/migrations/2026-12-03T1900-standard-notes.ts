import type { Kysely } from 'kysely';

/**
 * The national standards' notes were written for the team ("effective date to be checked", "not in
 * the project's notes"), half in English. They are reworded for the people who read /standards: the
 * first line in Vietnamese, the second in English (the page shows the line of the language in use).
 * Only notes still as first written are replaced, so an administrator's own wording stays.
 */
const DATE_TO_CHECK = 'Ngày hiệu lực cần đối chiếu với văn bản / effective date to be checked against the text';
const YEARS = 'Thời gian áp dụng theo năm / in force by calendar year';

const STANDARD_NOTES: [old: string, note: string | null][] = [
  [DATE_TO_CHECK, null],
  [
    `Điều 9 không có trong ghi chú của dự án: 14 km², 8.000 người theo văn bản như nhóm ghi nhận, chưa ghi mức giảm cho miền núi; cần đối chiếu / Article 9 is not in the project's notes: 14 km², 8,000 people as the team recalls the text, no mountainous reduction recorded; to be checked. ${DATE_TO_CHECK}`,
    'Tiêu chuẩn của thị trấn (Điều 9). Mức riêng cho miền núi, vùng cao chưa được nhập ở đây: hãy đối chiếu với văn bản trước khi dùng.\nThe standard for townships (Article 9). No separate level for mountainous areas is entered here: check it against the text before relying on it.',
  ],
  [
    `"Từ cuối năm 2025" / "from late 2025". ${DATE_TO_CHECK}`,
    'Áp dụng từ cuối năm 2025; ngày 01/12/2025 là ngày ước tính, hãy đối chiếu với văn bản.\nApplies from late 2025; 01/12/2025 is an estimate: check it against the text.',
  ],
  [
    `Thôn, bản thuộc xã biên giới / villages of border communes. ${DATE_TO_CHECK}`,
    'Thôn, bản thuộc xã biên giới.\nVillages of border communes.',
  ],
];

const RULE_NOTES: [old: string, note: string | null][] = [
  [YEARS, 'Áp dụng cho việc sắp xếp trong các năm ghi ở cột Hiệu lực.\nApplies to the mergers of the years shown under Valid.'],
  [
    `Tiêu chuẩn của xã mới sau sắp xếp; ghi chú của dự án chỉ nêu xã miền núi / the standard a new xã must reach; our notes give it for mountainous xã only. ${YEARS}`,
    'Tiêu chuẩn xã mới phải đạt sau sắp xếp năm 2025; ở đây nhập cho xã miền núi.\nThe standard a new xã must reach after the 2025 mergers; entered here for mountainous xã.',
  ],
  [
    'Thường sáp nhập khi dưới 50 % / commonly merged when below 50 %',
    'Mức thường dùng khi xét sáp nhập thôn, tổ dân phố: dưới một nửa số hộ theo tiêu chuẩn.\nThe level commonly used when merging villages and residential groups: below half the standard number of households.',
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, notes] of [['standards', STANDARD_NOTES], ['merger_rules', RULE_NOTES]] as const) {
    for (const [old, note] of notes) await db.updateTable(table).set({ note }).where('note', '=', old).execute();
  }
}
