import type { ChangeRequest, NewUnitRequest } from '../../src/services/change-request.js';
import { OPENING, OPENING_DECISION, type DecisionBook, type PlannedChange, type RefTo } from './plan.js';
import { DISTRICTS } from './territory.js';

/**
 * Illustrative agencies (đầu mối hành chính): the provincial departments and their internal units,
 * and thirteen offices in each district. Between 2016 and 2024, 46 of them disappear through
 * mergers and consolidations (the real Sở Giao thông vận tải – Xây dựng of 2018 among them).
 */
const DEPARTMENTS: { key: string; name: string; subtype: string; units: string[] }[] = [
  { key: 'vp', name: 'Văn phòng Ủy ban nhân dân tỉnh', subtype: 'van_phong', units: ['Phòng Tổng hợp', 'Phòng Kinh tế', 'Phòng Khoa giáo – Văn xã', 'Phòng Nội chính', 'Phòng Hành chính – Tổ chức', 'Ban Tiếp công dân'] },
  { key: 'nv', name: 'Sở Nội vụ', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Tổ chức – Biên chế', 'Phòng Xây dựng chính quyền', 'Phòng Công chức, viên chức', 'Ban Thi đua – Khen thưởng', 'Ban Tôn giáo', 'Chi cục Văn thư – Lưu trữ'] },
  { key: 'tp', name: 'Sở Tư pháp', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Xây dựng và Kiểm tra văn bản', 'Phòng Phổ biến, giáo dục pháp luật', 'Phòng Hành chính tư pháp', 'Phòng Bổ trợ tư pháp'] },
  { key: 'kh', name: 'Sở Kế hoạch và Đầu tư', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Tổng hợp, quy hoạch', 'Phòng Đăng ký kinh doanh', 'Phòng Kinh tế ngành', 'Phòng Đấu thầu, thẩm định và giám sát đầu tư', 'Phòng Khoa giáo – Văn xã'] },
  { key: 'tc', name: 'Sở Tài chính', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Quản lý ngân sách', 'Phòng Tài chính hành chính sự nghiệp', 'Phòng Tài chính đầu tư', 'Phòng Quản lý giá và công sản', 'Phòng Tài chính doanh nghiệp'] },
  { key: 'ct', name: 'Sở Công Thương', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Quản lý công nghiệp', 'Phòng Quản lý thương mại', 'Phòng Kỹ thuật an toàn – Môi trường', 'Chi cục Quản lý thị trường'] },
  { key: 'nn', name: 'Sở Nông nghiệp và Phát triển nông thôn', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Kế hoạch – Tài chính', 'Chi cục Kiểm lâm', 'Chi cục Thủy lợi', 'Chi cục Trồng trọt và Bảo vệ thực vật', 'Chi cục Chăn nuôi và Thú y', 'Chi cục Phát triển nông thôn', 'Chi cục Quản lý chất lượng nông lâm sản và thủy sản'] },
  { key: 'gt', name: 'Sở Giao thông vận tải', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Kế hoạch – Tài chính', 'Phòng Quản lý kết cấu hạ tầng giao thông', 'Phòng Quản lý vận tải, phương tiện và người lái'] },
  { key: 'xd', name: 'Sở Xây dựng', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Quản lý xây dựng', 'Phòng Quy hoạch – Kiến trúc', 'Phòng Quản lý nhà và thị trường bất động sản'] },
  { key: 'tn', name: 'Sở Tài nguyên và Môi trường', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Đất đai', 'Phòng Tài nguyên nước – Khoáng sản', 'Chi cục Bảo vệ môi trường', 'Phòng Đo đạc, bản đồ và viễn thám'] },
  { key: 'tt', name: 'Sở Thông tin và Truyền thông', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Bưu chính, viễn thông', 'Phòng Công nghệ thông tin', 'Phòng Thông tin, báo chí, xuất bản'] },
  { key: 'ld', name: 'Sở Lao động – Thương binh và Xã hội', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Lao động – Việc làm', 'Phòng Người có công', 'Phòng Bảo trợ xã hội', 'Phòng Giáo dục nghề nghiệp', 'Chi cục Phòng, chống tệ nạn xã hội'] },
  { key: 'vh', name: 'Sở Văn hóa và Thể thao', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Quản lý văn hóa', 'Phòng Quản lý thể dục thể thao', 'Phòng Xây dựng nếp sống văn hóa và gia đình'] },
  { key: 'dl', name: 'Sở Du lịch', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Quản lý du lịch', 'Phòng Xúc tiến du lịch'] },
  { key: 'kc', name: 'Sở Khoa học và Công nghệ', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Quản lý khoa học', 'Phòng Quản lý công nghệ', 'Chi cục Tiêu chuẩn Đo lường Chất lượng'] },
  { key: 'gd', name: 'Sở Giáo dục và Đào tạo', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Giáo dục Mầm non', 'Phòng Giáo dục Tiểu học', 'Phòng Giáo dục Trung học', 'Phòng Khảo thí và Kiểm định chất lượng', 'Phòng Tổ chức cán bộ', 'Phòng Kế hoạch – Tài chính'] },
  { key: 'yt', name: 'Sở Y tế', subtype: 'so', units: ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Nghiệp vụ Y', 'Phòng Nghiệp vụ Dược', 'Phòng Kế hoạch – Tài chính', 'Phòng Tổ chức cán bộ', 'Chi cục Dân số – Kế hoạch hóa gia đình', 'Chi cục An toàn vệ sinh thực phẩm'] },
  { key: 'ttr', name: 'Thanh tra tỉnh', subtype: 'thanh_tra', units: ['Văn phòng', 'Phòng Nghiệp vụ 1', 'Phòng Nghiệp vụ 2', 'Phòng Nghiệp vụ 3', 'Phòng Phòng, chống tham nhũng'] },
  { key: 'bdt', name: 'Ban Dân tộc', subtype: 'ban', units: ['Văn phòng Ban', 'Phòng Chính sách', 'Phòng Tuyên truyền'] },
  { key: 'ngv', name: 'Sở Ngoại vụ', subtype: 'so', units: ['Văn phòng Sở', 'Phòng Hợp tác quốc tế', 'Phòng Quản lý biên giới'] },
  { key: 'kkt', name: 'Ban Quản lý Khu kinh tế', subtype: 'ban', units: ['Văn phòng Ban', 'Phòng Quản lý đầu tư', 'Phòng Quản lý quy hoạch – Xây dựng', 'Phòng Quản lý cửa khẩu'] },
];

const DISTRICT_OFFICES = [
  'Văn phòng HĐND và UBND', 'Phòng Nội vụ', 'Phòng Tư pháp', 'Phòng Tài chính – Kế hoạch', 'Phòng Tài nguyên và Môi trường',
  'Phòng Lao động – Thương binh và Xã hội', 'Phòng Văn hóa và Thông tin', 'Phòng Giáo dục và Đào tạo', 'Phòng Y tế', 'Thanh tra', 'Phòng Dân tộc',
];
const RURAL_OFFICES = ['Phòng Nông nghiệp và Phát triển nông thôn', 'Phòng Kinh tế và Hạ tầng'];
const URBAN_OFFICES = ['Phòng Kinh tế', 'Phòng Quản lý đô thị'];

function subtypeOf(name: string): string {
  if (name.startsWith('Văn phòng')) return 'van_phong';
  if (name.startsWith('Thanh tra')) return 'thanh_tra';
  if (name.startsWith('Chi cục')) return 'chi_cuc';
  if (name.startsWith('Ban')) return 'ban';
  return 'phong';
}

const unitKey = (dept: string, name: string) => `a:${dept}:${name}`;
export const deptKey = (dept: string) => `a:${dept}`;
export const officeKey = (district: string, name: string) => `a:${district}:${name}`;

function agency(name: string, parent: { code: string } | ReturnType<RefTo>, subtype = subtypeOf(name)): NewUnitRequest {
  return { name, kind: 'agency', subtype, parent };
}

export function agenciesOpening(): PlannedChange[] {
  const base = { effectiveOn: OPENING, decision: OPENING_DECISION } as const;
  const internal = DEPARTMENTS.flatMap((d) => d.units.map((u) => ({ key: unitKey(d.key, u), dept: d.key, name: u })));
  const offices = DISTRICTS.flatMap((d) =>
    [...DISTRICT_OFFICES, ...(d.subtype === 'huyen' ? RURAL_OFFICES : URBAN_OFFICES)].map((name) => ({ key: officeKey(d.code, name), district: d.code, name })),
  );
  return [
    { date: OPENING, creates: DEPARTMENTS.map((d) => deptKey(d.key)), build: () => ({ ...base, type: 'establish', units: DEPARTMENTS.map((d) => agency(d.name, { code: '10' }, d.subtype)) }) },
    { date: OPENING, creates: internal.map((u) => u.key), build: (ref) => ({ ...base, type: 'establish', units: internal.map((u) => agency(u.name, ref(deptKey(u.dept)))) }) },
    { date: OPENING, creates: offices.map((o) => o.key), build: () => ({ ...base, type: 'establish', units: offices.map((o) => agency(o.name, { code: o.district })) }) },
  ];
}

/** One internal unit of a department absorbed by another, the survivor optionally renamed. */
function mergeInternal(book: DecisionBook, date: string, dept: string, absorbed: string, into: string, name?: string): PlannedChange {
  const d = book.issue(date, 'Quyết định sắp xếp, kiện toàn các phòng, chi cục thuộc sở');
  return { date, build: (ref) => ({ effectiveOn: date, decision: d, type: 'merge', absorbed: [ref(unitKey(dept, absorbed))], into: ref(unitKey(dept, into)), name }) };
}

function mergeOffice(book: DecisionBook, date: string, district: string, absorbed: string, into: string): PlannedChange {
  const d = book.issue(date, 'Quyết định sắp xếp các phòng chuyên môn thuộc UBND cấp huyện');
  return { date, build: (ref) => ({ effectiveOn: date, decision: d, type: 'merge', absorbed: [ref(officeKey(district, absorbed))], into: ref(officeKey(district, into)) }) };
}

/** Sở Giao thông vận tải and Sở Xây dựng become Sở Giao thông vận tải – Xây dựng; their offices follow. */
function transportAndConstruction(book: DecisionBook): PlannedChange[] {
  const date = '2018-01-01';
  const d = book.issue(date, 'Quyết định thành lập Sở Giao thông vận tải – Xây dựng trên cơ sở hợp nhất Sở Giao thông vận tải và Sở Xây dựng');
  const consolidate = (keys: string[], name: string, creates: string): PlannedChange => ({
    date, creates: [creates],
    build: (ref): ChangeRequest => ({ effectiveOn: date, decision: d, type: 'consolidate', units: keys.map(ref), result: { name } }),
  });
  return [
    consolidate([deptKey('gt'), deptKey('xd')], 'Sở Giao thông vận tải – Xây dựng', deptKey('gtxd')),
    consolidate([unitKey('gt', 'Văn phòng Sở'), unitKey('xd', 'Văn phòng Sở')], 'Văn phòng Sở', unitKey('gtxd', 'Văn phòng Sở')),
    consolidate([unitKey('gt', 'Thanh tra Sở'), unitKey('xd', 'Thanh tra Sở')], 'Thanh tra Sở', unitKey('gtxd', 'Thanh tra Sở')),
    { date, build: (ref) => ({ effectiveOn: date, decision: d, type: 'merge', absorbed: [ref(unitKey('xd', 'Phòng Quản lý nhà và thị trường bất động sản'))], into: ref(unitKey('xd', 'Phòng Quản lý xây dựng')) }) },
  ];
}

export function agencyReductions(book: DecisionBook): PlannedChange[] {
  const qltt = book.issue('2018-08-01', 'Quyết định chuyển giao Chi cục Quản lý thị trường về Tổng cục Quản lý thị trường');
  return [
    mergeInternal(book, '2016-07-01', 'tc', 'Phòng Tài chính doanh nghiệp', 'Phòng Tài chính đầu tư'),
    mergeInternal(book, '2016-07-01', 'kh', 'Phòng Khoa giáo – Văn xã', 'Phòng Kinh tế ngành'),
    mergeInternal(book, '2016-10-01', 'tp', 'Phòng Bổ trợ tư pháp', 'Phòng Hành chính tư pháp', 'Phòng Hành chính và Bổ trợ tư pháp'),
    mergeInternal(book, '2017-01-01', 'vp', 'Phòng Nội chính', 'Phòng Tổng hợp'),
    ...transportAndConstruction(book),
    { date: '2018-08-01', build: (ref) => ({ effectiveOn: '2018-08-01', decision: qltt, type: 'dissolve', unit: ref(unitKey('ct', 'Chi cục Quản lý thị trường')), childrenTo: null }) },
    mergeInternal(book, '2018-10-01', 'yt', 'Phòng Tổ chức cán bộ', 'Văn phòng Sở'),
    mergeInternal(book, '2018-10-01', 'gd', 'Phòng Tổ chức cán bộ', 'Văn phòng Sở'),
    mergeInternal(book, '2018-10-01', 'gd', 'Phòng Giáo dục Mầm non', 'Phòng Giáo dục Tiểu học', 'Phòng Giáo dục Mầm non – Tiểu học'),
    mergeInternal(book, '2018-10-01', 'nn', 'Chi cục Phát triển nông thôn', 'Chi cục Thủy lợi', 'Chi cục Thủy lợi và Phát triển nông thôn'),
    mergeInternal(book, '2018-10-01', 'nn', 'Chi cục Quản lý chất lượng nông lâm sản và thủy sản', 'Chi cục Trồng trọt và Bảo vệ thực vật'),
    mergeInternal(book, '2018-12-01', 'ld', 'Chi cục Phòng, chống tệ nạn xã hội', 'Phòng Bảo trợ xã hội', 'Phòng Bảo trợ xã hội và Phòng, chống tệ nạn xã hội'),
    mergeInternal(book, '2018-12-01', 'nv', 'Phòng Công chức, viên chức', 'Phòng Tổ chức – Biên chế'),
    mergeInternal(book, '2019-01-01', 'nn', 'Chi cục Chăn nuôi và Thú y', 'Chi cục Trồng trọt và Bảo vệ thực vật', 'Chi cục Trồng trọt, Bảo vệ thực vật và Thú y'),
    mergeInternal(book, '2019-07-01', 'tn', 'Phòng Đo đạc, bản đồ và viễn thám', 'Phòng Đất đai'),
    mergeInternal(book, '2019-07-01', 'tt', 'Phòng Bưu chính, viễn thông', 'Phòng Công nghệ thông tin', 'Phòng Bưu chính, Viễn thông và Công nghệ thông tin'),
    mergeInternal(book, '2019-07-01', 'kc', 'Phòng Quản lý công nghệ', 'Phòng Quản lý khoa học', 'Phòng Quản lý khoa học và công nghệ'),
    mergeInternal(book, '2020-01-01', 'ct', 'Phòng Kỹ thuật an toàn – Môi trường', 'Phòng Quản lý công nghiệp'),
    mergeInternal(book, '2020-07-01', 'vh', 'Phòng Xây dựng nếp sống văn hóa và gia đình', 'Phòng Quản lý văn hóa'),
    ...['080', '086', '087', '088', '089'].map((d) => mergeOffice(book, '2020-07-01', d, 'Phòng Dân tộc', 'Văn phòng HĐND và UBND')),
    mergeInternal(book, '2021-01-01', 'vp', 'Phòng Khoa giáo – Văn xã', 'Phòng Kinh tế'),
    mergeInternal(book, '2021-01-01', 'bdt', 'Phòng Tuyên truyền', 'Phòng Chính sách'),
    ...DISTRICTS.map((d) => mergeOffice(book, '2021-07-01', d.code, 'Phòng Y tế', 'Văn phòng HĐND và UBND')),
    mergeInternal(book, '2022-01-01', 'gd', 'Phòng Khảo thí và Kiểm định chất lượng', 'Phòng Giáo dục Trung học'),
    mergeInternal(book, '2022-07-01', 'nv', 'Ban Tôn giáo', 'Phòng Xây dựng chính quyền'),
    mergeInternal(book, '2022-07-01', 'ld', 'Phòng Giáo dục nghề nghiệp', 'Phòng Lao động – Việc làm', 'Phòng Lao động – Việc làm và Giáo dục nghề nghiệp'),
    mergeInternal(book, '2023-01-01', 'tc', 'Phòng Tài chính hành chính sự nghiệp', 'Phòng Quản lý ngân sách'),
    mergeInternal(book, '2023-01-01', 'dl', 'Phòng Xúc tiến du lịch', 'Phòng Quản lý du lịch'),
    mergeInternal(book, '2023-07-01', 'yt', 'Phòng Nghiệp vụ Dược', 'Phòng Nghiệp vụ Y', 'Phòng Nghiệp vụ Y – Dược'),
    mergeInternal(book, '2024-01-01', 'kkt', 'Phòng Quản lý quy hoạch – Xây dựng', 'Phòng Quản lý đầu tư'),
    mergeInternal(book, '2024-01-01', 'ttr', 'Phòng Nghiệp vụ 3', 'Phòng Nghiệp vụ 2'),
  ];
}
