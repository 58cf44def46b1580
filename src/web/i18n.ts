import { formatDateVi } from '../domain/dates.js';

export type Locale = 'vi' | 'en';

type Catalogue = Record<string, { vi: string; en: string }>;

/** Messages for the rules of the tree; `{name}` is filled from the error's params. */
const MESSAGES: Catalogue = {
  // Accounts and access (issue 8)
  SIGN_IN_REQUIRED: { vi: 'Cần đăng nhập.', en: 'Please sign in.' },
  BAD_TOKEN: { vi: 'Mã truy cập API không hợp lệ hoặc đã bị thu hồi.', en: 'The API token is invalid or revoked.' },
  FORBIDDEN: { vi: 'Tài khoản của bạn không có quyền dùng chức năng này.', en: 'Your account is not allowed to use this.' },
  NO_RULE: { vi: 'Chức năng này chưa được cấp quyền cho ai.', en: 'Nobody has been given the right to do this.' },
  API_NEEDS_TOKEN: { vi: 'Ghi qua API cần mã truy cập (Authorization: Bearer …).', en: 'Writing through the API needs a token (Authorization: Bearer …).' },
  OUT_OF_SCOPE_REQUEST: { vi: 'Thay đổi này chạm tới đơn vị ngoài phạm vi bạn được phân công.', en: 'This write touches a unit outside your scope.' },
  OUT_OF_SCOPE: { vi: '{unit} nằm ngoài phạm vi bạn được phân công.', en: '{unit} is outside your scope.' },
  SCOPE_REQUIRED: { vi: 'Biên tập viên cần có phạm vi (mã đơn vị).', en: 'An editor needs a scope (a unit code).' },
  USERNAME_TAKEN: { vi: 'Tên đăng nhập {username} đã có người dùng.', en: 'The username {username} is taken.' },
  UNKNOWN_USER: { vi: 'Không có tài khoản {ref}.', en: 'No account {ref}.' },
  LAST_ADMINISTRATOR: { vi: 'Phải còn ít nhất một quản trị viên đang hoạt động.', en: 'At least one active administrator must remain.' },
  LOGIN_FAILED: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  UNKNOWN_TOKEN: { vi: 'Không có mã truy cập số {ref} (hoặc đã bị thu hồi).', en: 'No token #{ref} (or it was already revoked).' },
  PASSWORD_CHANGE_REQUIRED: { vi: 'Hãy đổi mật khẩu trước (trang Đổi mật khẩu).', en: 'Change your password first (the Change password page).' },
  TOKEN_PASSWORD_CHANGE_REQUIRED: {
    vi: 'Tài khoản phải đổi mật khẩu trước khi dùng mã truy cập API: hãy đăng nhập và đổi mật khẩu (trang Đổi mật khẩu).',
    en: 'The account must change its password before its API tokens work: sign in and change it (the Change password page).',
  },
  WRONG_PASSWORD: { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  SAME_PASSWORD: { vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.', en: 'The new password must differ from the current one.' },
  PASSWORDS_DIFFER: { vi: 'Hai lần nhập mật khẩu mới không giống nhau.', en: 'The two new passwords differ.' },
  BODY_TOO_LARGE: { vi: 'Nội dung gửi lên quá lớn.', en: 'What was sent is too large.' },
  BAD_REQUEST: { vi: 'Yêu cầu không hợp lệ.', en: 'This request is not valid.' },
  LOGIN_THROTTLED: { vi: 'Đăng nhập sai quá nhiều lần; hãy thử lại sau 15 phút.', en: 'Too many failed sign-ins; try again in 15 minutes.' },
  // Plans (issue 7)
  PLAN_TRANSITION: { vi: 'Phương án đang ở trạng thái “{status}”: không thể thực hiện thao tác này.', en: 'The plan is “{status}”: this step is not allowed from there.' },
  PLAN_NOT_DRAFT: { vi: 'Chỉ sửa được phương án ở trạng thái dự thảo; hãy rút lại về dự thảo trước.', en: 'Only a draft plan can be edited; withdraw it to draft first.' },
  PLAN_CONFLICTS: { vi: 'Không thể ban hành: {count} đề xuất không còn áp dụng được trên cây tổ chức hiện tại.', en: 'Not enacted: {count} proposal(s) no longer apply to the current tree.' },
  PLAN_CONFLICTS_SUBMIT: { vi: 'Không thể trình: {count} đề xuất không còn áp dụng được trên cây tổ chức tại ngày gốc.', en: 'Not submitted: {count} proposal(s) do not apply to the tree of the base date.' },
  PLAN_EMPTY: { vi: 'Phương án chưa có đề xuất nào.', en: 'The plan has no proposals.' },
  // Staffing and targets (issue 5)
  HEADCOUNT_NEGATIVE: { vi: 'Số người có mặt của {unit} ({category}) sẽ âm vào ngày {date}.', en: 'The headcount of {unit} ({category}) would fall below zero on {date}.' },
  STAFF_LEFT_IN_ENDED_UNIT: {
    vi: '{unit} đã chấm dứt từ {date} và đã chuyển hết người đi; biến động này sẽ để lại người ở đơn vị không còn tồn tại. Hãy ghi vào đơn vị kế thừa, hoặc huỷ rồi ghi lại thay đổi đã chấm dứt đơn vị.',
    en: '{unit} ended on {date} and handed all its staff on; this movement would leave people in a unit that no longer exists. Record it in the successor, or void and re-record the change that ended the unit.',
  },
  STAFF_DISPOSAL_REQUIRED: {
    vi: '{unit} còn {count} người: cần nêu đơn vị tiếp nhận hoặc lý do nghỉ.',
    en: '{unit} still has {count} staff: say which unit takes them or how they leave.',
  },
  STAFF_SHARE_TARGET: { vi: 'Không có đơn vị mới thứ {index} để nhận người.', en: 'There is no new unit number {index} to receive staff.' },
  STAFF_SHARE_TOO_MANY: { vi: 'Phân bổ {count} người ({category}) nhưng chỉ có {total}.', en: '{count} staff ({category}) allotted but there are only {total}.' },
  UNIT_NOT_ALIVE_STAFF: { vi: '{unit} không tồn tại vào ngày {date}.', en: '{unit} does not exist on {date}.' },
  TARGET_DATES: { vi: 'Hạn phải sau ngày gốc.', en: 'The deadline must come after the baseline date.' },
  // Reported indicators (issue 17)
  INDICATOR_LEVEL_REQUIRED: { vi: 'Chỉ số này báo cáo theo cấp: hãy nhập số của ít nhất một cấp.', en: 'This indicator is reported by level: enter the figure of at least one level.' },
  INDICATOR_NO_LEVEL: { vi: 'Chỉ số này báo cáo một số chung, không theo cấp.', en: 'This indicator is reported as one figure, not by level.' },
  INDICATOR_SINCE: { vi: '“Tính từ ngày” phải bằng hoặc trước ngày số liệu.', en: '“Counted since” must be on or before the date of the figure.' },
  INDICATOR_REQUIRED: { vi: 'Hãy chọn chỉ số cần đo.', en: 'Choose the indicator to measure.' },
  TRANSFER_KIND_REASON: { vi: 'Luân chuyển, điều động chỉ đi với lý do chuyển đến hoặc chuyển đi.', en: 'A rotation or transfer goes with the reason “transfer in” or “transfer out”.' },
  // Standards (issue 7)
  STANDARD_DATES: { vi: 'Ngày hết hiệu lực phải sau ngày có hiệu lực.', en: 'The end of validity must come after its start.' },
  STANDARD_FIGURE_REQUIRED: { vi: 'Cần nhập tiêu chuẩn này cho cấp đã chọn.', en: 'This figure is required for the level chosen.' },
  STANDARD_SUBTYPE: { vi: 'Loại đơn vị này không thuộc cấp đã chọn.', en: 'This type of unit does not belong to the level chosen.' },
  UNKNOWN_RULE: { vi: 'Không có quy định sắp xếp "{rule}".', en: 'No merger rule "{rule}".' },
  RULE_CLAUSES: { vi: 'Mỗi dòng một trường hợp, ví dụ "diện tích < 20 % và dân số < 300 %"; chỉ dùng diện tích, dân số (cấp xã) hoặc số hộ (thôn).', en: 'One case a line, e.g. "area < 20 % and population < 300 %"; area and population for communes, households for villages.' },
  RULE_KEY: { vi: 'Mã quy định gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ nq-35-2023.', en: 'A rule key is lower-case letters, digits and hyphens, e.g. nq-35-2023.' },
  RULE_KEY_TAKEN: { vi: 'Đã có quy định mang mã {key}.', en: 'A rule with key {key} already exists.' },
  UNIT_NOT_ALIVE: { vi: '{unit} không tồn tại vào ngày {date}.', en: '{unit} does not exist on {date}.' },
  UNIT_NOT_YET: { vi: '{unit} chưa tồn tại vào ngày {date}: đơn vị chỉ có từ ngày {from}.', en: '{unit} does not exist yet on {date}: it exists from {from}.' },
  UNIT_ENDED: {
    vi: '{unit} không còn tồn tại vào ngày {date}: đã kết thúc từ ngày {end}{into} theo thay đổi #{changeId} ({decision}).',
    en: '{unit} no longer exists on {date}: it ended on {end}{into} by change #{changeId} ({decision}).',
  },
  UNIT_ENDED_INTO: { vi: ', chuyển thành {successors}', en: ', becoming {successors}' },
  UNIT_EXISTS: { vi: 'Đơn vị {unit} đã tồn tại.', en: 'Unit {unit} already exists.' },
  UNKNOWN_UNIT: { vi: 'Không tìm thấy đơn vị {ref}.', en: 'No unit {ref}.' },
  UNKNOWN_CODE: { vi: 'Không có đơn vị nào mang mã {code} vào ngày {date}.', en: 'No unit has code {code} on {date}.' },
  NOT_A_CHILD: { vi: '{unit} không trực thuộc {parent}.', en: '{unit} is not under {parent}.' },
  NOT_AN_OUTPUT: { vi: 'Đơn vị nhận phải là một trong các đơn vị mới của thay đổi này.', en: 'The receiving unit must be one of the new units of this change.' },
  FIGURES_NEGATIVE: { vi: 'Số liệu {field} sau thay đổi sẽ âm.', en: '{field} would fall below zero.' },
  NOTHING_TO_ESTABLISH: { vi: 'Cần ít nhất một đơn vị để thành lập.', en: 'At least one unit to establish is needed.' },
  NOTHING_TO_MERGE: { vi: 'Cần ít nhất một đơn vị được nhập.', en: 'At least one unit to absorb is needed.' },
  NOTHING_TO_SEPARATE: { vi: 'Cần ít nhất một đơn vị được tách ra.', en: 'At least one new unit is needed.' },
  DUPLICATE_UNIT: { vi: 'Một đơn vị được nêu hai lần.', en: 'A unit is named twice.' },
  KIND_MISMATCH: { vi: '{unit} và {other} không cùng loại nên không thể nhập.', en: '{unit} and {other} are not of the same kind and cannot merge.' },
  CONSOLIDATE_NEEDS_TWO: { vi: 'Hợp nhất cần ít nhất hai đơn vị.', en: 'A consolidation needs at least two units.' },
  NOTHING_TO_REORGANISE: { vi: 'Sắp xếp cần ít nhất một đơn vị hình thành hoặc một đơn vị kết thúc.', en: 'A reorganisation needs at least one resulting or ending unit.' },
  WHOLE_AND_PART: { vi: '{unit} được nêu là toàn bộ ở một nơi và lại được nêu ở nơi khác.', en: '{unit} is taken whole in one place and named again elsewhere.' },
  SPLIT_NEEDS_TWO: { vi: 'Chia cần ít nhất hai đơn vị mới.', en: 'A split needs at least two new units.' },
  NO_EFFECT: { vi: 'Thay đổi này không làm thay đổi gì.', en: 'This change would change nothing.' },
  CHILDREN_LEFT: {
    vi: '{unit} chấm dứt nhưng còn {count} đơn vị trực thuộc (như {child}); hãy chỉ định đơn vị tiếp nhận.',
    en: '{unit} ends but still has {count} units under it (such as {child}); name the unit that takes them.',
  },
  INVALID_SUBTYPE: { vi: 'Loại "{subtype}" không hợp lệ cho cấp {kind}.', en: 'Subtype "{subtype}" is not valid for {kind}.' },
  SUBTYPE_NOT_OF_KIND: { vi: 'Loại đơn vị không phù hợp với cấp đã chọn.', en: 'This subtype does not belong to the chosen kind.' },
  PARENT_REQUIRED: { vi: '{unit} phải trực thuộc một đơn vị cấp trên.', en: '{unit} must sit under a parent unit.' },
  PARENT_NOT_ALIVE: { vi: 'Đơn vị cấp trên {parent} của {unit} không tồn tại vào ngày {date}.', en: 'The parent {parent} of {unit} does not exist on {date}.' },
  PARENT_KIND: { vi: 'Một {kind} không thể trực thuộc một {parentKind} ({unit}).', en: 'A {kind} cannot sit under a {parentKind} ({unit}).' },
  CYCLE: { vi: '{unit} không thể trực thuộc chính đơn vị cấp dưới của nó.', en: '{unit} cannot sit under one of its own descendants.' },
  CODE_TAKEN: {
    vi: 'Mã {code} đã thuộc về {unit}. Một mã chỉ được cấp lại khi đã đóng và thay đổi ghi rõ là cấp lại mã đó (ô “Cấp lại mã đã đóng”, hoặc "reissue": ["{code}"] trong API).',
    en: 'Code {code} belongs to {unit}. A code is reissued only once it is closed and the change says so (the “Reissue a closed code” box, or "reissue": ["{code}"] in the API).',
  },
  REPLAY_CONFLICT: {
    vi: 'Không thể ghi: thay đổi số {changeId} đã ghi sau đó không còn áp dụng được ({reasonText}).',
    en: 'Refused: change #{changeId}, recorded later, would no longer apply ({reasonText}).',
  },
  ALREADY_VOIDED: { vi: 'Thay đổi số {changeId} đã bị huỷ trước đó.', en: 'Change #{changeId} was already voided.' },
  NOT_VOIDED: { vi: 'Thay đổi số {changeId} đang có hiệu lực, không cần khôi phục.', en: 'Change #{changeId} is in force; there is nothing to reinstate.' },
  CORRECTION_NOT_AT_START: {
    vi: 'Tên của {unit} vào ngày {date} bắt đầu từ ngày {start}: sửa lỗi nhập liệu sửa tên từ ngày tên đó bắt đầu.',
    en: 'The name {unit} bore on {date} began on {start}: a data-entry correction puts the name right from the day it began.',
  },
  CORRECTION_STALE: {
    vi: '{unit} không còn mang tên “{expected}” mà là “{found}”: bản sửa lỗi này không còn áp dụng.',
    en: '{unit} no longer bears the name “{expected}” but “{found}”: this correction no longer applies.',
  },
  FIELD_REQUIRED: { vi: 'Trường này là bắt buộc.', en: 'This field is required.' },
  INVALID_DATE: { vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD, ngày có thật).', en: 'Not a valid date (YYYY-MM-DD, a real calendar date).' },
  DATE_OUT_OF_RANGE: { vi: 'Ngày phải nằm trong khoảng từ {first} đến {last}.', en: 'The date must lie between {first} and {last}.' },
  DATES_REVERSED: { vi: '“Đến ngày” phải bằng hoặc sau “Từ ngày”.', en: '“To” must be on or after “From”.' },
  QUERY_DATE_INVALID: { vi: 'Ngày “{value}” (tham số {name}) không phải là ngày có thật; hãy nhập theo dạng năm-tháng-ngày, ví dụ 2024-02-29.', en: '“{value}” ({name}) is not a real date; write it as year-month-day, e.g. 2024-02-29.' },
  QUERY_DATE_OUT_OF_RANGE: {
    vi: 'Ngày {value} (tham số {name}) nằm ngoài khoảng từ {first} đến {last}.',
    en: 'The date {value} (parameter {name}) lies outside {first} to {last}.',
  },
  INVALID_UTF8: { vi: 'Nội dung gửi lên không phải văn bản UTF-8 hợp lệ; không có gì được lưu.', en: 'The request body is not valid UTF-8 text; nothing was saved.' },
  CSV_ENCODING: { vi: 'Dòng {line}: không phải văn bản UTF-8 hợp lệ (hãy lưu tệp với mã hoá UTF-8).', en: 'Line {line}: not valid UTF-8 text (save the file as UTF-8).' },
  CSV_QUOTE_NOT_CLOSED: { vi: 'Dòng {line}: dấu ngoặc kép mở ở đây không được đóng.', en: 'Line {line}: a quote opened here is never closed.' },
  CSV_COLUMNS: { vi: 'Dòng {line}: có {found} cột, dòng tiêu đề có {expected} cột.', en: 'Line {line}: {found} columns, the header has {expected}.' },
  CSV_INVALID: { vi: 'Dòng {line}: không phải CSV hợp lệ (dấu ngoặc kép đặt sai chỗ?).', en: 'Line {line}: not valid CSV (a misplaced quote?).' },
  TRANSFER_SHAPE: {
    vi: 'Điều chuyển cần hoặc "unit" và "toParent", hoặc "from" và "to".',
    en: 'A transfer takes either "unit" and "toParent", or "from" and "to".',
  },
  INVALID_REF: { vi: 'Tham chiếu đơn vị phải là mã hoặc id:số.', en: 'A unit reference is a code or id:NUMBER.' },
  NOT_FOUND: { vi: 'Không tìm thấy {what} {ref}.', en: 'Not found: {what} {ref}.' },
  INVALID_JSON: { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  FORM_EXPIRED: { vi: 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy quay lại, tải lại trang và gửi lại.', en: 'This form has expired or is invalid. Go back, reload the page and send it again.' },
  PAGE_NOT_FOUND: { vi: 'Không tìm thấy trang này.', en: 'This page does not exist.' },
  INTERNAL: { vi: 'Đã có lỗi hệ thống; dữ liệu không bị thay đổi.', en: 'Something went wrong on our side; nothing was changed.' },
  DATABASE_BUSY: {
    vi: 'Cơ sở dữ liệu đang bận; chưa có gì được lưu. Vui lòng thử lại sau giây lát.',
    en: 'The database is busy; nothing was saved. Please try again in a moment.',
  },
  DISK_FULL: {
    vi: 'Ổ đĩa của máy chủ đã đầy; chưa có gì được lưu. Hãy báo cho quản trị hệ thống.',
    en: "The server's disk is full; nothing was saved. Please tell the system administrator.",
  },
  DISK_ERROR: {
    vi: 'Máy chủ không ghi được dữ liệu xuống ổ đĩa; chưa có gì được lưu. Hãy báo cho quản trị hệ thống.',
    en: 'The server could not write to its disk; nothing was saved. Please tell the system administrator.',
  },
  // The unit picker of the forms (issue 16)
  PICK_COUNT: { vi: '{count} đơn vị khớp', en: '{count} matching units' },
  PICK_COUNT_ONE: { vi: '1 đơn vị khớp', en: '1 matching unit' },
  PICK_SHOWN: { vi: '{count} đơn vị khớp, đang hiện {shown}. Gõ thêm tên xã, huyện để thu hẹp.', en: '{count} matching units, {shown} shown. Add the name of the commune or district to narrow.' },
  PICK_NONE: { vi: 'Không có đơn vị nào khớp “{q}”. Có thể gõ tên đơn vị kèm tên xã, huyện, hoặc mã, id:số.', en: 'No unit matches “{q}”. Type the unit’s name with its commune or district, or a code, or id:number.' },
  PICK_MORE: { vi: 'Xem thêm {count} đơn vị', en: 'Show {count} more' },
  PICK_ENDED: { vi: 'Đã chấm dứt từ ngày {date}', en: 'Ended on {date}' },
  PICK_ENDED_INTO: { vi: 'Đã chấm dứt từ ngày {date}; đơn vị kế thừa: {units}', en: 'Ended on {date}; succeeded by {units}' },
  PICK_NOT_YET: { vi: 'Chỉ có từ ngày {date}', en: 'Exists only from {date}' },
  PICK_REFUSED: { vi: 'không chọn được vì không tồn tại vào ngày hiệu lực', en: 'cannot be picked: it does not exist on the effective date' },
  PICK_OTHER_NAME: { vi: 'vào thời điểm khác mang tên {name}', en: 'named {name} at another time' },
  PICK_NO_CODE: { vi: 'không có mã', en: 'no code' },
  PICK_CHILDREN: { vi: '{count} đơn vị ở cấp này', en: '{count} units at this level' },
  PICK_CHILDREN_SHOWN: { vi: '{count} đơn vị ở cấp này, đang hiện {shown}', en: '{count} units at this level, {shown} shown' },
  SEARCH_Q_OR_UNDER: { vi: 'Hãy gõ tên, mã hoặc chọn một cấp trên cây.', en: 'Type a name or code, or open a level of the tree.' },
  // The report officials sign (issue 16)
  REPORT_LAYOUT_COUNTRY: { vi: 'Chỉ quản trị viên được lưu thể thức báo cáo của cả nước.', en: 'Only an administrator may save the layout of the whole country\'s report.' },
  REPORT_SECTIONS_NONE: { vi: 'Hãy chọn ít nhất một phần của báo cáo.', en: 'Choose at least one part of the report.' },
  // The guide in the app (issue 18)
  HELP: { vi: 'Hướng dẫn', en: 'Help' },
  HELP_ON_THIS_PAGE: { vi: 'Hướng dẫn cho trang này', en: 'Help with this page' },
  HELP_USER_GUIDE: { vi: 'Hướng dẫn sử dụng', en: 'User guide' },
  HELP_REFERENCE: { vi: 'Tài liệu kỹ thuật (dành cho cán bộ công nghệ thông tin)', en: 'Reference for IT staff' },
  HELP_ENGLISH_ONLY: { vi: '(tiếng Anh)', en: '' },
  HELP_NOT_TRANSLATED: { vi: 'Trang này hiện chỉ có bản tiếng Anh.', en: 'This page is shown in another language.' },
  // The API's reference page (issue 18): the OpenAPI document drawn by Swagger UI, served from node_modules.
  API_REFERENCE: { vi: 'Tham chiếu API', en: 'API reference' },
  API_DOCUMENT: { vi: 'Tài liệu OpenAPI (JSON)', en: 'The OpenAPI document (JSON)' },
  API_REFERENCE_INTRO: {
    vi: 'Mọi yêu cầu của API JSON, tham số, nội dung gửi và các câu trả lời, lấy từ tài liệu OpenAPI 3.1 của ứng dụng. Đọc dữ liệu được bằng phiên đăng nhập này; ghi dữ liệu cần mã truy cập (Authorization: Bearer …).',
    en: 'Every request of the JSON API, its parameters, bodies and answers, from the OpenAPI 3.1 document of this app. Reading works with this signed-in session; writing needs a token (Authorization: Bearer …).',
  },
};

export const KIND_LABELS: Catalogue = {
  province: { vi: 'cấp tỉnh', en: 'province' },
  district: { vi: 'cấp huyện', en: 'district' },
  commune: { vi: 'cấp xã', en: 'commune' },
  village: { vi: 'thôn, tổ dân phố', en: 'village' },
  agency: { vi: 'cơ quan hành chính', en: 'agency' },
  public_service_unit: { vi: 'đơn vị sự nghiệp công lập', en: 'public service unit' },
};

export function pickLocale(query: unknown, acceptLanguage: string | undefined): Locale {
  if (query === 'en' || query === 'vi') return query;
  return /^en\b/i.test(acceptLanguage ?? '') ? 'en' : 'vi';
}

/** A message in the user's language; calendar dates among the parameters read dd/mm/yyyy. */
export function t(locale: Locale, code: string, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[code]?.[locale] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : shown(params[k])));
}

function shown(value: string | number): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDateVi(value) : String(value);
}

export function kindLabel(locale: Locale, kind: string): string {
  return KIND_LABELS[kind]?.[locale] ?? kind;
}
