/** Calendar dates as `YYYY-MM-DD` strings; they sort and compare as text, never as timestamps. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * The calendar the app works in. A date outside it is refused wherever it comes in: the charts
 * and tables step through years and quarters up to the date in view, and 9999-12-31 once cost a
 * worker 35 s and 13 MB of HTML.
 */
export const FIRST_DATE: IsoDate = '1900-01-01';
export const LAST_DATE: IsoDate = '2100-12-31';

/** A real calendar date between FIRST_DATE and LAST_DATE (as text: they compare as dates). */
export function isSupportedDate(value: string): boolean {
  return isIsoDate(value) && value >= FIRST_DATE && value <= LAST_DATE;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The day before `date`, computed in UTC so no time zone can shift it. */
export function dayBefore(date: IsoDate): IsoDate {
  return addDays(date, -1);
}

export function dayAfter(date: IsoDate): IsoDate {
  return addDays(date, 1);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** dd/mm/yyyy, the way Vietnamese documents write dates. */
export function formatDateVi(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

const VIETNAM = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const VIETNAM_TIME_S = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** A moment stored in UTC (`recorded_at`, audit entries) as Việt Nam reads it: "04/12/2026 02:50" (with `seconds`, 02:50:07). */
export function formatMomentVi(timestamp: string, seconds = false): string {
  const at = new Date(timestamp);
  return `${formatDateVi(todayInVietnam(at))} ${(seconds ? VIETNAM_TIME_S : VIETNAM_TIME).format(at)}`;
}

/** The calendar date in Việt Nam at `now`: what "today" means to our users, whatever the server's zone. */
export function todayInVietnam(now: Date = new Date()): IsoDate {
  return VIETNAM.format(now);
}
