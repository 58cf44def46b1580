import type { ChangeRequest, NewUnitRequest, Ref } from '../../src/services/change-request.js';
import { deptKey } from './agencies.js';
import { placeOf } from './names.js';
import { OPENING, OPENING_DECISION, type DecisionBook, type PlannedChange, type RefTo } from './plan.js';
import { rng } from './random.js';
import { DISTRICTS, openingCommunes } from './territory.js';

/**
 * Illustrative public service units (đơn vị sự nghiệp công lập): 853 on 31/12/2015 — schools under
 * the districts, hospitals and centres under the departments — and 720 on 02/09/2024: 96 fewer by
 * the end of 2021 (−11.3 %, the −10 % of Nghị quyết 19-NQ/TW met) and 37 more by 2024.
 */
export const PSU_BASELINE = 853;
const SCHOOL_MERGERS = { early: 71, late: 27 };
const EARLY_DATES = ['2016-08-01', '2017-08-01', '2018-08-01', '2019-08-01', '2020-08-01', '2021-08-01'];
const LATE_DATES = ['2022-08-01', '2023-08-01', '2024-08-01'];

type Sector = 'giao_duc' | 'y_te' | 'van_hoa' | 'nong_nghiep' | 'khac';
interface Planned {
  key: string;
  unit: NewUnitRequest;
  parentKey?: string;
}

const psu = (key: string, name: string, subtype: Sector, sector: string, parent: { parentKey?: string; code?: string }): Planned => ({
  key, parentKey: parent.parentKey,
  unit: { name, kind: 'public_service_unit', subtype, parent: parent.code ? { code: parent.code } : undefined, figures: { sector } },
});

const DEPARTMENT_UNITS: [string, Sector, string, string[]][] = [
  ['yt', 'y_te', 'Khám chữa bệnh', ['Bệnh viện Đa khoa tỉnh', 'Bệnh viện Sản Nhi', 'Bệnh viện Y học cổ truyền', 'Bệnh viện Nội tiết', 'Bệnh viện Phục hồi chức năng']],
  ['yt', 'y_te', 'Y tế dự phòng', ['Trung tâm Y tế dự phòng', 'Trung tâm Phòng, chống HIV/AIDS', 'Trung tâm Phòng chống sốt rét – Nội tiết', 'Trung tâm Chăm sóc sức khỏe sinh sản', 'Trung tâm Truyền thông giáo dục sức khỏe']],
  ['yt', 'y_te', 'Y tế khác', ['Trung tâm Kiểm nghiệm', 'Trung tâm Giám định y khoa', 'Trung tâm Pháp y']],
  ['nn', 'nong_nghiep', 'Nông nghiệp', ['Trung tâm Khuyến nông', 'Trung tâm Giống cây trồng, vật nuôi', 'Ban Quản lý rừng phòng hộ', 'Trung tâm Nước sạch và Vệ sinh môi trường nông thôn']],
  ['tn', 'khac', 'Tài nguyên môi trường', ['Văn phòng Đăng ký đất đai', 'Trung tâm Quan trắc tài nguyên và môi trường', 'Trung tâm Công nghệ thông tin tài nguyên và môi trường', 'Trung tâm Phát triển quỹ đất tỉnh']],
  ['vh', 'van_hoa', 'Văn hóa, thể thao', ['Thư viện tỉnh', 'Bảo tàng tỉnh', 'Đoàn Nghệ thuật tỉnh', 'Trung tâm Văn hóa tỉnh', 'Trung tâm Huấn luyện và Thi đấu thể thao']],
  ['dl', 'van_hoa', 'Du lịch', ['Trung tâm Thông tin xúc tiến du lịch']],
  ['ld', 'khac', 'Lao động, xã hội', ['Trường Cao đẳng Nghề', 'Trung tâm Bảo trợ xã hội', 'Cơ sở cai nghiện ma túy', 'Trung tâm Dịch vụ việc làm']],
  ['kc', 'khac', 'Khoa học công nghệ', ['Trung tâm Ứng dụng và Thống kê khoa học công nghệ', 'Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng']],
  ['tt', 'khac', 'Thông tin truyền thông', ['Trung tâm Công nghệ thông tin và Truyền thông']],
  ['kh', 'khac', 'Xúc tiến đầu tư', ['Trung tâm Xúc tiến đầu tư']],
  ['tp', 'khac', 'Tư pháp', ['Trung tâm Trợ giúp pháp lý nhà nước', 'Phòng Công chứng số 1', 'Trung tâm Dịch vụ đấu giá tài sản']],
  ['nv', 'khac', 'Lưu trữ', ['Trung tâm Lưu trữ lịch sử']],
  ['gt', 'khac', 'Giao thông', ['Ban Quản lý bảo trì đường bộ']],
  ['xd', 'khac', 'Xây dựng', ['Trung tâm Quy hoạch xây dựng', 'Trung tâm Kiểm định chất lượng xây dựng']],
  ['gd', 'giao_duc', 'Trung học phổ thông', ['Trường THPT chuyên Lào Cai', 'Trường PTDT Nội trú tỉnh', 'Trung tâm Giáo dục thường xuyên tỉnh']],
];
const PROVINCE_UNITS = ['Đài Phát thanh và Truyền hình tỉnh', 'Trường Chính trị tỉnh', 'Trường Cao đẳng Sư phạm'];
const DISTRICT_CENTRES: [string, Sector][] = [
  ['Trung tâm Văn hóa – Thể thao', 'van_hoa'], ['Đài Truyền thanh – Truyền hình', 'van_hoa'], ['Trung tâm Dịch vụ nông nghiệp', 'nong_nghiep'],
  ['Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên', 'giao_duc'], ['Ban Quản lý dự án đầu tư xây dựng', 'khac'], ['Trung tâm Phát triển quỹ đất', 'khac'],
];

function nonSchoolUnits(): Planned[] {
  const out: Planned[] = [];
  for (const [dept, subtype, sector, names] of DEPARTMENT_UNITS) out.push(...names.map((n) => psu(`p:${n}`, n, subtype, sector, { parentKey: deptKey(dept) })));
  out.push(...PROVINCE_UNITS.map((n) => psu(`p:${n}`, n, n.startsWith('Trường') ? 'giao_duc' : 'van_hoa', n.startsWith('Trường') ? 'Đào tạo' : 'Phát thanh, truyền hình', { code: '10' })));
  for (const d of DISTRICTS) {
    const place = placeOf(d.name);
    out.push(psu(`p:${d.code}:ttyt`, `Trung tâm Y tế ${place}`, 'y_te', 'Y tế dự phòng', { parentKey: deptKey('yt') }));
    out.push(psu(`p:${d.code}:bv`, `Bệnh viện Đa khoa ${place}`, 'y_te', 'Khám chữa bệnh', { parentKey: deptKey('yt') }));
    for (const n of [1, 2, 3]) out.push(psu(`p:${d.code}:thpt${n}`, `Trường THPT số ${n} ${place}`, 'giao_duc', 'Trung học phổ thông', { parentKey: deptKey('gd') }));
    out.push(...DISTRICT_CENTRES.map(([n, s]) => psu(`p:${d.code}:${n}`, n, s, n.startsWith('Trung tâm Giáo dục') ? 'Giáo dục nghề nghiệp' : 'Sự nghiệp khác', { code: d.code })));
  }
  return out;
}

/** Three schools in every commune (mầm non, tiểu học, THCS), and a second one in some, up to the baseline. */
function schools(count: number): Planned[] {
  const communes = openingCommunes();
  const out: Planned[] = [];
  for (const c of communes) {
    const place = placeOf(c.name);
    out.push(psu(`s:${c.code}:mn`, `Trường Mầm non ${place}`, 'giao_duc', 'Mầm non', { code: c.district }));
    out.push(psu(`s:${c.code}:th`, `Trường Tiểu học ${place}`, 'giao_duc', 'Tiểu học', { code: c.district }));
    out.push(psu(`s:${c.code}:thcs`, `Trường THCS ${place}`, 'giao_duc', 'Trung học cơ sở', { code: c.district }));
  }
  const order = [...communes].sort((a, b) => rng(Number(a.code))() - rng(Number(b.code))());
  for (let i = 0; out.length < count; i++) {
    const c = order[i % order.length];
    const level = i < order.length ? ['mn', 'Mầm non'] : ['th', 'Tiểu học'];
    out.push(psu(`s:${c.code}:${level[0]}2`, `Trường ${level[1]} ${placeOf(c.name)} số 2`, 'giao_duc', level[1], { code: c.district }));
  }
  return out;
}

export function serviceUnits(): Planned[] {
  const others = nonSchoolUnits();
  return [...others, ...schools(PSU_BASELINE - others.length)];
}

export function serviceUnitsOpening(units: Planned[]): PlannedChange[] {
  return [{
    date: OPENING, creates: units.map((u) => u.key),
    build: (ref: RefTo) => ({
      effectiveOn: OPENING, decision: OPENING_DECISION, type: 'establish',
      units: units.map((u) => ({ ...u.unit, parent: u.parentKey ? ref(u.parentKey) : (u.unit.parent as Ref) })),
    }),
  }];
}

function consolidate(book: DecisionBook, date: string, keys: string[], name: string, title: string): PlannedChange {
  const decision = book.issue(date, title);
  return { date, build: (ref): ChangeRequest => ({ effectiveOn: date, decision, type: 'consolidate', units: keys.map(ref), result: { name } }) };
}

function merge(book: DecisionBook, date: string, absorbed: string, into: string, title: string): PlannedChange {
  const decision = book.issue(date, title);
  return { date, build: (ref) => ({ effectiveOn: date, decision, type: 'merge', absorbed: [ref(absorbed)], into: ref(into) }) };
}

/** Primary and lower-secondary schools of one commune become one TH&THCS school. */
function schoolMergers(book: DecisionBook): PlannedChange[] {
  const communes = [...openingCommunes()].sort((a, b) => rng(Number(a.code) * 13)() - rng(Number(b.code) * 13)());
  const total = SCHOOL_MERGERS.early + SCHOOL_MERGERS.late;
  return communes.slice(0, total).map((c, i) => {
    const dates = i < SCHOOL_MERGERS.early ? EARLY_DATES : LATE_DATES;
    const date = dates[i % dates.length];
    return consolidate(book, date, [`s:${c.code}:th`, `s:${c.code}:thcs`], `Trường TH&THCS ${placeOf(c.name)}`, 'Quyết định sáp nhập trường tiểu học và trường trung học cơ sở');
  });
}

export function serviceUnitReductions(book: DecisionBook): PlannedChange[] {
  const cdc = ['Trung tâm Y tế dự phòng', 'Trung tâm Phòng, chống HIV/AIDS', 'Trung tâm Phòng chống sốt rét – Nội tiết', 'Trung tâm Chăm sóc sức khỏe sinh sản', 'Trung tâm Truyền thông giáo dục sức khỏe'];
  return [
    consolidate(book, '2018-07-01', cdc.map((n) => `p:${n}`), 'Trung tâm Kiểm soát bệnh tật tỉnh', 'Quyết định thành lập Trung tâm Kiểm soát bệnh tật tỉnh'),
    consolidate(book, '2018-08-01', ['p:Trường Cao đẳng Sư phạm', 'p:Trường Cao đẳng Nghề'], 'Trường Cao đẳng Lào Cai', 'Quyết định thành lập Trường Cao đẳng Lào Cai'),
    ...DISTRICTS.map((d) => consolidate(book, '2019-01-01', [`p:${d.code}:ttyt`, `p:${d.code}:bv`], `Trung tâm Y tế ${placeOf(d.name)}`, 'Quyết định sáp nhập bệnh viện đa khoa và trung tâm y tế cấp huyện')),
    ...DISTRICTS.map((d) => consolidate(book, '2019-07-01', [`p:${d.code}:Trung tâm Văn hóa – Thể thao`, `p:${d.code}:Đài Truyền thanh – Truyền hình`], 'Trung tâm Văn hóa, Thông tin và Thể thao', 'Quyết định thành lập Trung tâm Văn hóa, Thông tin và Thể thao cấp huyện')),
    consolidate(book, '2020-01-01', ['p:Trung tâm Khuyến nông', 'p:Trung tâm Giống cây trồng, vật nuôi'], 'Trung tâm Dịch vụ nông nghiệp tỉnh', 'Quyết định thành lập Trung tâm Dịch vụ nông nghiệp tỉnh'),
    merge(book, '2021-01-01', 'p:Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng', 'p:Trung tâm Ứng dụng và Thống kê khoa học công nghệ', 'Quyết định sáp nhập đơn vị sự nghiệp thuộc Sở Khoa học và Công nghệ'),
    merge(book, '2022-01-01', 'p:Trung tâm Công nghệ thông tin tài nguyên và môi trường', 'p:Trung tâm Quan trắc tài nguyên và môi trường', 'Quyết định sáp nhập đơn vị sự nghiệp thuộc Sở Tài nguyên và Môi trường'),
    ...DISTRICTS.map((d) => merge(book, '2023-01-01', `p:${d.code}:Trung tâm Phát triển quỹ đất`, `p:${d.code}:Ban Quản lý dự án đầu tư xây dựng`, 'Quyết định sáp nhập Trung tâm Phát triển quỹ đất vào Ban Quản lý dự án cấp huyện')),
    ...schoolMergers(book),
  ];
}
