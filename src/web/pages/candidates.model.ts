import type { Request, Response } from 'express';
import { DomainError, NotFoundError } from '../../domain/errors.js';
import { measuresOf, ruleForDate } from '../../domain/standard.lookups.js';
import type { Evaluation, Measure, MergerRule } from '../../domain/standard.types.js';
import type { Db } from '../../db/connection.js';
import { runCandidates } from '../../services/candidates.service.js';
import type { Assessed, CandidateGroup, CandidateReport } from '../../services/merger-candidates.service.js';
import { standardsAndRules } from '../../services/standard.service.js';
import { candidatesQuery } from '../api/standard.schemas.js';
import { describeError } from '../errors.js';
import type { Locale } from '../i18n.js';
import { parseInput, type FieldError } from '../validation.js';
import { MEASURE_LABEL, MEASURE_SHORT, percentText, ratioClass, reasonText, ruleLabel, ruleText, UNASSESSED_LABEL } from './standard-text.js';

/** Parent groups per page: a province's villages make hundreds of groups. */
const GROUPS_PER_PAGE = 20;

const ratiosView = (locale: Locale, e: Evaluation, measures: Measure[]) =>
  measures.map((m) => ({
    measure: m, text: e.ratios[m] === undefined ? '—' : percentText(locale, e.ratios[m]!), css: ratioClass(e.ratios[m]),
    short: MEASURE_SHORT[m][locale === 'en' ? 1 : 0], word: MEASURE_LABEL[m][locale === 'en' ? 1 : 0],
  }));

function unitView(locale: Locale, a: Assessed, measures: Measure[]) {
  const v = a.unit;
  return {
    id: v.unitId, name: v.name, code: v.code, below: a.evaluation.below,
    figures: { area: v.areaKm2, population: v.population, households: v.households },
    ratios: ratiosView(locale, a.evaluation, measures),
    reasons: a.evaluation.reasons.map((r) => reasonText(locale, r)),
    standardSource: a.evaluation.standard?.source ?? '',
    unassessed: a.evaluation.unassessed ? UNASSESSED_LABEL[a.evaluation.unassessed][locale === 'en' ? 1 : 0] : null,
  };
}

function groupView(locale: Locale, g: CandidateGroup, measures: Measure[]) {
  return {
    parent: g.parent && { id: g.parent.unitId, name: g.parent.name, code: g.parent.code },
    candidates: g.candidates.map((c) => unitView(locale, c, measures)),
    siblings: g.siblings.map((s) => unitView(locale, s, measures)),
  };
}

/**
 * What "start a plan from these" posts to /plans: a draft on the date in view over the scope, its
 * description listing the candidates (as many as the plan's description holds) for the planner
 * to turn into proposals.
 */
function planDraft(locale: Locale, report: CandidateReport, root: { id: number; name: string }, at: string, link: string) {
  const L = (vi: string, en: string) => (locale === 'en' ? en : vi);
  const lines = report.groups.flatMap((g) => g.candidates.map((c) =>
    `- ${c.unit.name}${c.unit.code ? ` (${c.unit.code})` : ''}${g.parent ? `, ${g.parent.name}` : ''}: ${c.evaluation.reasons.map((r) => reasonText(locale, r)).join(L('; hoặc ', '; or '))}`));
  const head = `${L('Đơn vị chưa đạt', 'Units below')} ${report.rule.source} (${report.candidateCount}):`;
  const tail = (n: number) => `${L('… và', '… and')} ${n} ${L('đơn vị khác', 'more')}: ${link}`;
  let description = head;
  for (let i = 0; i < lines.length; i++) {
    if (description.length + lines[i].length + 200 > 4000) return { name: name(), description: `${description}\n${tail(lines.length - i)}` };
    description += `\n${lines[i]}`;
  }
  return { name: name(), description: `${description}\n${L('Danh sách', 'List')}: ${link}` };
  function name() {
    return `${L('Sắp xếp đơn vị chưa đạt tiêu chuẩn', 'Merging the units below standard')} — ${root.name}, ${report.rule.source}`.slice(0, 200);
  }
}

/** The candidates page: the form (scope, date, rule) and, when it reads, the groups of one page. */
export async function candidatesPage(db: Db, req: Request, res: Response) {
  const locale: Locale = res.locals.locale;
  const raw: Record<string, unknown> = { root: res.locals.province?.code ?? undefined, ...req.query };
  for (const k of ['root', 'rule'] as const) if (raw[k] === '') delete raw[k];
  const loaded = await standardsAndRules(db);
  const base = {
    title: res.locals.L('Đơn vị chưa đạt tiêu chuẩn', 'Units below standard'),
    rules: loaded.rules.map((r) => ({ value: r.key, label: ruleLabel(locale, r, res.locals.date) })),
    q: { root: String(raw.root ?? ''), rule: String(raw.rule ?? ruleForDate(loaded.rules, 'commune', res.locals.at)?.key ?? '') },
  };
  const parsed = parseInput(candidatesQuery, raw, locale);
  const fail = (errors: FieldError[]) => ({ ...base, errors, report: null, plan: null });
  if (!parsed.ok) return fail(parsed.errors);
  if (!parsed.value.root) return fail([{ path: 'root', message: res.locals.L('Hãy chọn phạm vi.', 'Choose a scope.') }]);
  try {
    const { report, root } = await runCandidates(db, { root: parsed.value.root, at: res.locals.at, rule: parsed.value.rule }, loaded);
    const measures = measuresOf(report.rule);
    const pages = Math.max(1, Math.ceil(report.groups.length / GROUPS_PER_PAGE));
    const page = Math.min(parsed.value.page, pages);
    return {
      ...base, errors: [], q: { root: parsed.value.root, rule: report.rule.key }, root, page, pages,
      plan: report.candidateCount ? { scope: `id:${root.id}`, baseOn: res.locals.at, ...planDraft(locale, report, root, res.locals.at, `/standards/candidates?root=${encodeURIComponent(parsed.value.root)}&at=${res.locals.at}&rule=${report.rule.key}`) } : null,
      report: {
        rule: { ...report.rule, text: ruleText(locale, report.rule) } as MergerRule & { text: string },
        measures: measures.map((m) => ({ measure: m, label: res.locals.L(...MEASURE_LABEL[m]) })),
        assessedCount: report.assessedCount, candidateCount: report.candidateCount, groupCount: report.groups.length,
        unassessed: report.unassessed.map((u) => ({ ...u, reasonText: res.locals.L(...UNASSESSED_LABEL[u.reason]) })),
        groups: report.groups.slice((page - 1) * GROUPS_PER_PAGE, page * GROUPS_PER_PAGE).map((g) => groupView(locale, g, measures)),
      },
    };
  } catch (err) {
    if (err instanceof NotFoundError) return fail([{ path: 'root', message: res.locals.L('Không tìm thấy đơn vị vào ngày đang xem.', 'No such unit on the date in view.') }]);
    if (err instanceof DomainError) return fail([{ path: err.path ?? 'rule', message: await describeError(db, err, locale) }]);
    throw err;
  }
}
