import type { IsoDate } from '../../domain/dates.js';
import type { UnitRef } from '../../services/compare.service.js';
import type { OfficialDocument } from '../../services/export.service.js';
import type { ReportLayout } from '../../services/report-layout.service.js';
import type { Locale } from '../i18n.js';

/** What a report carries before the user fills its layout in: the scope's people's committee, or the ministry for the whole country. */
export function defaultLayout(root: UnitRef | null, locale: Locale, title: string): ReportLayout {
  const L = (vi: string, en: string) => (locale === 'en' ? en : vi);
  const place = root ? root.name.replace(/^(Tỉnh|Thành phố|Huyện|Thị xã|Quận|Xã|Phường|Thị trấn)\s+/u, '') : 'Hà Nội';
  return {
    parentOffice: '', office: root ? `UBND ${root.name.toLocaleUpperCase('vi')}` : 'BỘ NỘI VỤ',
    number: root ? '/BC-UBND' : '/BC-BNV', place, signedOn: null, docType: L('BÁO CÁO', 'REPORT'), subject: title,
    recipients: root ? [L('Bộ Nội vụ', 'Ministry of Home Affairs'), L('Lưu: VT', 'Filed: Archives')] : [L('Lưu: VT', 'Filed: Archives')],
    signerAuthority: root ? L('TM. ỦY BAN NHÂN DÂN', 'ON BEHALF OF THE PEOPLE\'S COMMITTEE') : L('KT. BỘ TRƯỞNG', 'FOR THE MINISTER'),
    signerTitle: root ? L('CHỦ TỊCH', 'CHAIR') : L('THỨ TRƯỞNG', 'DEPUTY MINISTER'), signerName: '',
  };
}

const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Lào Cai, ngày 03 tháng 12 năm 2026"; with no date, blanks to be written in when the report is signed. */
function placeDate(l: ReportLayout, locale: Locale, today: IsoDate): string {
  const d = l.signedOn;
  if (locale === 'en') return `${l.place}, ${d ? `${Number(d.slice(8))} ${ENGLISH_MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}` : `…… ${today.slice(0, 4)}`}`;
  // Nghị định 30: days under 10 and months under 3 take a leading zero.
  const month = d ? (Number(d.slice(5, 7)) < 3 ? d.slice(5, 7) : String(Number(d.slice(5, 7)))) : '      ';
  return `${l.place}, ngày ${d ? d.slice(8) : '      '} tháng ${month} năm ${d ? d.slice(0, 4) : today.slice(0, 4)}`;
}

export function officialDocument(l: ReportLayout, locale: Locale, today: IsoDate): OfficialDocument {
  const en = locale === 'en';
  return {
    nation: en ? 'SOCIALIST REPUBLIC OF VIET NAM' : 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: en ? 'Independence - Freedom - Happiness' : 'Độc lập - Tự do - Hạnh phúc',
    parentOffice: l.parentOffice.toLocaleUpperCase('vi'), office: l.office.toLocaleUpperCase('vi'),
    number: `${en ? 'No.' : 'Số'}: ${l.number.trim().startsWith('/') ? `      ${l.number.trim()}` : l.number}`,
    placeDate: placeDate(l, locale, today), docType: l.docType.toLocaleUpperCase('vi'), subject: l.subject,
    recipientsLabel: en ? 'Recipients:' : 'Nơi nhận:', recipients: l.recipients.map((r, i, all) => `- ${r}${i === all.length - 1 ? '.' : ';'}`),
    signerAuthority: l.signerAuthority.toLocaleUpperCase('vi'), signerTitle: l.signerTitle.toLocaleUpperCase('vi'), signerName: l.signerName,
  };
}
