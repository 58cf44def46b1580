/**
 * The bodies a province, a district and a commune have: agencies (cơ quan) and public service
 * units (đơn vị sự nghiệp công lập). `role` is a stable key the generator uses to find a body's
 * counterpart (two provinces' Sở Y tế when they are consolidated); `under` names the parent's role.
 */
export interface BodyTemplate {
  role: string;
  name: string;
  kind: 'agency' | 'public_service_unit';
  subtype: string;
  under?: string;
  only?: 'mountain' | 'lowland' | 'coastal' | 'urban' | 'rural' | 'populous';
}

const so = (role: string, name: string): BodyTemplate => ({ role, name, kind: 'agency', subtype: 'so' });
const chiCuc = (role: string, name: string, under: string, only?: BodyTemplate['only']): BodyTemplate =>
  ({ role, name, kind: 'agency', subtype: 'chi_cuc', under, only });
const psu = (role: string, name: string, subtype: string, under: string, only?: BodyTemplate['only']): BodyTemplate =>
  ({ role, name, kind: 'public_service_unit', subtype, under, only });

/** Province level; `{p}` is the province as cited ("tỉnh Tân Phú"). */
export const PROVINCE_BODIES: BodyTemplate[] = [
  { role: 'ubnd', name: 'Ủy ban nhân dân {p}', kind: 'agency', subtype: 'ubnd' },
  { role: 'van-phong', name: 'Văn phòng Ủy ban nhân dân {p}', kind: 'agency', subtype: 'van_phong' },
  { role: 'thanh-tra', name: 'Thanh tra {p}', kind: 'agency', subtype: 'thanh_tra' },
  so('so-noi-vu', 'Sở Nội vụ'), so('so-tu-phap', 'Sở Tư pháp'), so('so-khdt', 'Sở Kế hoạch và Đầu tư'),
  so('so-tai-chinh', 'Sở Tài chính'), so('so-cong-thuong', 'Sở Công Thương'),
  so('so-nn', 'Sở Nông nghiệp và Phát triển nông thôn'), so('so-gtvt', 'Sở Giao thông vận tải'),
  so('so-xay-dung', 'Sở Xây dựng'), so('so-tnmt', 'Sở Tài nguyên và Môi trường'),
  so('so-tttt', 'Sở Thông tin và Truyền thông'), so('so-ldtbxh', 'Sở Lao động - Thương binh và Xã hội'),
  so('so-vhttdl', 'Sở Văn hóa, Thể thao và Du lịch'), so('so-khcn', 'Sở Khoa học và Công nghệ'),
  so('so-gddt', 'Sở Giáo dục và Đào tạo'), so('so-y-te', 'Sở Y tế'),
  { role: 'ban-kcn', name: 'Ban Quản lý các khu công nghiệp', kind: 'agency', subtype: 'ban', only: 'lowland' },
  { role: 'ban-dan-toc', name: 'Ban Dân tộc', kind: 'agency', subtype: 'ban', only: 'mountain' },
  { role: 'ban-tdkt', name: 'Ban Thi đua - Khen thưởng', kind: 'agency', subtype: 'ban', under: 'so-noi-vu' },
  { role: 'ban-ton-giao', name: 'Ban Tôn giáo', kind: 'agency', subtype: 'ban', under: 'so-noi-vu' },
  chiCuc('cc-van-thu', 'Chi cục Văn thư - Lưu trữ', 'so-noi-vu'),
  chiCuc('cc-kiem-lam', 'Chi cục Kiểm lâm', 'so-nn'), chiCuc('cc-thuy-loi', 'Chi cục Thủy lợi', 'so-nn'),
  chiCuc('cc-ptnt', 'Chi cục Phát triển nông thôn', 'so-nn'),
  chiCuc('cc-trong-trot', 'Chi cục Trồng trọt và Bảo vệ thực vật', 'so-nn'),
  chiCuc('cc-chan-nuoi', 'Chi cục Chăn nuôi và Thú y', 'so-nn'),
  chiCuc('cc-qlcl', 'Chi cục Quản lý chất lượng nông lâm sản và thủy sản', 'so-nn'),
  chiCuc('cc-thuy-san', 'Chi cục Thủy sản', 'so-nn', 'coastal'),
  chiCuc('cc-dat-dai', 'Chi cục Quản lý đất đai', 'so-tnmt'), chiCuc('cc-moi-truong', 'Chi cục Bảo vệ môi trường', 'so-tnmt'),
  chiCuc('cc-bien', 'Chi cục Biển và Hải đảo', 'so-tnmt', 'coastal'),
  chiCuc('cc-dan-so', 'Chi cục Dân số - Kế hoạch hóa gia đình', 'so-y-te'),
  chiCuc('cc-attp', 'Chi cục An toàn vệ sinh thực phẩm', 'so-y-te'),
  chiCuc('cc-tdc', 'Chi cục Tiêu chuẩn Đo lường Chất lượng', 'so-khcn'),
  chiCuc('cc-te-nan', 'Chi cục Phòng, chống tệ nạn xã hội', 'so-ldtbxh'),
  chiCuc('cc-giam-dinh', 'Chi cục Giám định xây dựng', 'so-xay-dung'),
  psu('bv-da-khoa', 'Bệnh viện Đa khoa {p}', 'y_te', 'so-y-te'), psu('bv-yhct', 'Bệnh viện Y dược cổ truyền {p}', 'y_te', 'so-y-te'),
  psu('bv-phcn', 'Bệnh viện Phục hồi chức năng {p}', 'y_te', 'so-y-te'), psu('bv-san-nhi', 'Bệnh viện Sản - Nhi {p}', 'y_te', 'so-y-te'),
  psu('bv-lao', 'Bệnh viện Lao và Bệnh phổi {p}', 'y_te', 'so-y-te'), psu('cdc', 'Trung tâm Kiểm soát bệnh tật {p}', 'y_te', 'so-y-te'),
  psu('kiem-nghiem', 'Trung tâm Kiểm nghiệm {p}', 'y_te', 'so-y-te'), psu('phap-y', 'Trung tâm Pháp y {p}', 'y_te', 'so-y-te'),
  psu('thpt-chuyen', 'Trường Trung học phổ thông chuyên {p}', 'giao_duc', 'so-gddt'),
  psu('pt-dtnt', 'Trường Phổ thông Dân tộc nội trú {p}', 'giao_duc', 'so-gddt', 'mountain'),
  psu('cd-su-pham', 'Trường Cao đẳng Sư phạm {p}', 'giao_duc', 'so-gddt'),
  psu('khuyen-nong', 'Trung tâm Khuyến nông', 'nong_nghiep', 'so-nn'),
  psu('nuoc-sach', 'Trung tâm Nước sạch và Vệ sinh môi trường nông thôn', 'nong_nghiep', 'so-nn'),
  psu('rung-phong-ho', 'Ban Quản lý rừng phòng hộ', 'nong_nghiep', 'so-nn', 'mountain'),
  psu('bao-tang', 'Bảo tàng {p}', 'van_hoa', 'so-vhttdl'), psu('thu-vien', 'Thư viện {p}', 'van_hoa', 'so-vhttdl'),
  psu('tt-van-hoa', 'Trung tâm Văn hóa {p}', 'van_hoa', 'so-vhttdl'), psu('doan-nghe-thuat', 'Đoàn Nghệ thuật {p}', 'van_hoa', 'so-vhttdl'),
  psu('viec-lam', 'Trung tâm Dịch vụ việc làm', 'khac', 'so-ldtbxh'), psu('bao-tro', 'Trung tâm Bảo trợ xã hội', 'khac', 'so-ldtbxh'),
  psu('cd-nghe', 'Trường Cao đẳng nghề {p}', 'giao_duc', 'so-ldtbxh'),
  psu('quan-trac', 'Trung tâm Quan trắc tài nguyên và môi trường', 'khac', 'so-tnmt'),
  psu('dang-ky-dat', 'Văn phòng Đăng ký đất đai', 'khac', 'so-tnmt'),
  psu('tt-cntt', 'Trung tâm Công nghệ thông tin và Truyền thông', 'khac', 'so-tttt'),
  psu('tt-khcn', 'Trung tâm Ứng dụng tiến bộ khoa học và công nghệ', 'khac', 'so-khcn'),
  psu('quy-hoach', 'Trung tâm Quy hoạch xây dựng', 'khac', 'so-xay-dung'),
  psu('tro-giup-pl', 'Trung tâm Trợ giúp pháp lý nhà nước', 'khac', 'so-tu-phap'),
  psu('dai-pttv', 'Đài Phát thanh và Truyền hình {p}', 'van_hoa', 'ubnd'),
  psu('truong-chinh-tri', 'Trường Chính trị {p}', 'giao_duc', 'ubnd'),
  psu('bql-da', 'Ban Quản lý dự án đầu tư xây dựng {p}', 'khac', 'ubnd'),
];

/** District level; `{d}` is the district as cited ("huyện Tân Phú"). */
export const DISTRICT_BODIES: BodyTemplate[] = [
  { role: 'ubnd', name: 'Ủy ban nhân dân {d}', kind: 'agency', subtype: 'ubnd' },
  { role: 'van-phong', name: 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {d}', kind: 'agency', subtype: 'van_phong' },
  { role: 'thanh-tra', name: 'Thanh tra {d}', kind: 'agency', subtype: 'thanh_tra' },
  ...[
    ['phong-noi-vu', 'Phòng Nội vụ'], ['phong-tu-phap', 'Phòng Tư pháp'], ['phong-tckh', 'Phòng Tài chính - Kế hoạch'],
    ['phong-tnmt', 'Phòng Tài nguyên và Môi trường'], ['phong-ldtbxh', 'Phòng Lao động - Thương binh và Xã hội'],
    ['phong-vhtt', 'Phòng Văn hóa và Thông tin'], ['phong-gddt', 'Phòng Giáo dục và Đào tạo'], ['phong-y-te', 'Phòng Y tế'],
  ].map(([role, name]): BodyTemplate => ({ role, name, kind: 'agency', subtype: 'phong' })),
  { role: 'phong-nn', name: 'Phòng Nông nghiệp và Phát triển nông thôn', kind: 'agency', subtype: 'phong', only: 'rural' },
  { role: 'phong-kt-ht', name: 'Phòng Kinh tế và Hạ tầng', kind: 'agency', subtype: 'phong', only: 'rural' },
  { role: 'phong-kinh-te', name: 'Phòng Kinh tế', kind: 'agency', subtype: 'phong', only: 'urban' },
  { role: 'phong-qldt', name: 'Phòng Quản lý đô thị', kind: 'agency', subtype: 'phong', only: 'urban' },
  { role: 'phong-dan-toc', name: 'Phòng Dân tộc', kind: 'agency', subtype: 'phong', only: 'mountain' },
  psu('ttyt', 'Trung tâm Y tế {d}', 'y_te', 'district'),
  psu('gdnn', 'Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên {d}', 'giao_duc', 'district'),
  psu('vhtt', 'Trung tâm Văn hóa, Thông tin và Thể thao {d}', 'van_hoa', 'district'),
  psu('dvnn', 'Trung tâm Dịch vụ nông nghiệp {d}', 'nong_nghiep', 'district', 'rural'),
  psu('bql-da', 'Ban Quản lý dự án đầu tư xây dựng {d}', 'khac', 'district'),
  psu('chinh-tri', 'Trung tâm Chính trị {d}', 'giao_duc', 'district'),
];

/** Commune level; `{c}` is the commune as cited ("xã Tân Phú"), `{n}` its bare name. */
export const COMMUNE_BODIES: BodyTemplate[] = [
  psu('mam-non', 'Trường Mầm non {n}', 'giao_duc', 'commune'),
  psu('tieu-hoc', 'Trường Tiểu học {n}', 'giao_duc', 'commune'),
  psu('tieu-hoc-2', 'Trường Tiểu học số 2 {n}', 'giao_duc', 'commune', 'populous'),
  psu('thcs', 'Trường Trung học cơ sở {n}', 'giao_duc', 'commune'),
  psu('tram-y-te', 'Trạm Y tế {c}', 'y_te', 'commune'),
];

/** What the `sector` figure of a public service unit says, by subtype. */
export const SECTOR: Record<string, string> = {
  giao_duc: 'Giáo dục và đào tạo', y_te: 'Y tế', van_hoa: 'Văn hóa, thể thao và du lịch', nong_nghiep: 'Nông nghiệp', khac: 'Khác',
};

/** The 2025 merges of provincial departments (Nghị quyết 18-NQ/TW): absorbed role → absorbing role, new name. */
export const DEPARTMENT_MERGES_2025: [string, string, string | null][] = [
  ['so-khdt', 'so-tai-chinh', null],
  ['so-ldtbxh', 'so-noi-vu', null],
  ['so-tttt', 'so-khcn', null],
  ['so-gtvt', 'so-xay-dung', null],
  ['so-tnmt', 'so-nn', 'Sở Nông nghiệp và Môi trường'],
];
