import type { TargetProgress } from '../../services/target.service.js';
import { STATUS_LABEL } from './staff-text.js';

interface Helpers {
  L: (vi: string, en: string) => string;
  num: (n: number | null | undefined) => string;
  date: (d: string) => string;
}

/** The progress in one sentence, the way a report states it. */
export function describeProgress(h: Helpers, { target: t, progress: p, scopeEndedOn }: TargetProgress): string {
  const { L, num, date } = h;
  const ended = scopeEndedOn ? L(` ${t.scopeName} kết thúc ngày ${date(scopeEndedOn)}: số liệu tính đến ngày trước đó.`, ` ${t.scopeName} ended on ${date(scopeEndedOn)}: figures up to the day before.`) : '';
  const status = L(...STATUS_LABEL[p.status]);
  const change = p.reduced >= 0 ? L(`giảm ${num(p.reduced)}`, `down ${num(p.reduced)}`) : L(`tăng ${num(-p.reduced)}`, `up ${num(-p.reduced)}`);
  const pct = p.reducedPct === null ? '' : ` (${num(Math.abs(p.reducedPct))} %)`;
  const achieved = p.achievedPct === null ? '' : L(`, đạt ${num(p.achievedPct)} % yêu cầu`, `, ${num(p.achievedPct)} % of the goal`);
  return L(
    `${status}: ${num(p.baseline)} ngày ${date(t.baselineOn)} → ${num(p.current)} ngày ${date(p.at)}, ${change}${pct}${achieved}; mục tiêu ${num(p.goalValue)} trước ${date(t.deadlineOn)}, theo tiến độ đều lẽ ra ${num(p.expected)}.`,
    `${status}: ${num(p.baseline)} on ${date(t.baselineOn)} → ${num(p.current)} on ${date(p.at)}, ${change}${pct}${achieved}; goal ${num(p.goalValue)} by ${date(t.deadlineOn)}, a straight path would be at ${num(p.expected)}.`,
  ) + ended;
}
