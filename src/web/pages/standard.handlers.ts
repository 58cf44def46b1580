import type { Request, Response } from 'express';
import { NotFoundError } from '../../domain/errors.js';
import { SUBTYPES } from '../../domain/kinds.js';
import { inForce } from '../../domain/standard.lookups.js';
import { REGIONS, STANDARD_KINDS, STANDARD_REGIONS, type MergerRule, type RuleInput, type Standard, type StandardInput } from '../../domain/standard.types.js';
import type { Db } from '../../db/connection.js';
import { resolveUnitRef } from '../../services/query.service.js';
import { regionSettings, setUnitRegions } from '../../services/region.service.js';
import { getRule, getStandard, saveRule, saveStandard, standardsAndRules } from '../../services/standard.service.js';
import { clausesOf, regionsSchema, ruleSchema, standardSchema, type RuleBody, type StandardBody } from '../api/standard.schemas.js';
import { refusal } from '../errors.js';
import { errorsByField, filledFields, parseInput } from '../validation.js';
import { candidatesPage } from './candidates.model.js';
import { writerOf } from '../auth/access.js';
import { flash } from './locals.js';
import { clausesInput, regionLabel, ruleText, noteIn } from './standard-text.js';
import { t } from '../i18n.js';

function toInput(b: StandardBody): StandardInput {
  return {
    kind: b.kind, subtype: b.subtype, region: b.region, areaKm2: b.areaKm2 ?? null, population: b.population ?? null, households: b.households ?? null,
    source: b.source, validFrom: b.validFrom, validTo: b.validTo ?? null, note: b.note,
  };
}

function valuesOf(s: Standard): Record<string, unknown> {
  return { ...s, areaKm2: s.areaKm2 ?? '', population: s.population ?? '', households: s.households ?? '', validTo: s.validTo ?? '', note: s.note ?? '' };
}

function toRuleInput(b: RuleBody): RuleInput {
  return { ...b, validTo: b.validTo ?? null, clauses: b.clauses as RuleInput['clauses'] };
}

function ruleValues(r: MergerRule, locale: 'vi' | 'en'): Record<string, unknown> {
  return { ...r, subtype: r.subtype ?? '', region: r.region ?? '', validTo: r.validTo ?? '', note: r.note ?? '', clauses: clausesInput(locale, r.clauses) };
}

/** Administrators edit (auth/rules.ts refuses the others; this only hides the links). */
const canEdit = (res: Response) => res.locals.user?.role === 'administrator';

export function standardHandlers(db: Db) {
  const options = (res: Response) => ({
    kindOptions: STANDARD_KINDS.map((k) => ({ value: k, label: res.locals.kind(k) })),
    subtypeOptions: STANDARD_KINDS.flatMap((k) => SUBTYPES[k].map((s) => ({ value: s, label: `${res.locals.subtype(k, s)} (${res.locals.kind(k)})` }))),
    regionOptions: STANDARD_REGIONS.map((r) => ({ value: r, label: regionLabel(res.locals.locale, r) })),
  });
  const form = (res: Response, model: { title: string; action: string; values: object; errors: Record<string, string> }, status = 200) =>
    res.status(status).render('pages/standard-form', { ...model, ...options(res) });

  async function list(res: Response, regionForm: { values: object; errors: Record<string, string> }, status = 200) {
    const { standards, rules } = await standardsAndRules(db);
    const locale = res.locals.locale;
    res.status(status).render('pages/standards', {
      title: res.locals.L('Tiêu chuẩn và đơn vị cần sắp xếp', 'Standards and merger candidates'),
      canEdit: canEdit(res),
      standards: standards.map((s) => ({ ...s, note: noteIn(locale, s.note), regionText: regionLabel(locale, s.region), inForce: inForce(s, res.locals.at) })),
      rules: rules.map((r) => ({ ...r, note: noteIn(locale, r.note), text: ruleText(locale, r), inForce: inForce(r, res.locals.at), regionText: r.region ? regionLabel(locale, r.region) : '' })),
      settings: (await regionSettings(db)).map((s) => ({ ...s, regionText: s.regions.map((r) => regionLabel(locale, r)).join(', ') })),
      regionChoices: REGIONS.map((r) => ({ value: r, label: regionLabel(locale, r) })),
      regionForm,
    });
  }

  async function save(req: Request, res: Response, id: number | null, action: string, title: string) {
    const body = filledFields(req.body);
    const parsed = parseInput(standardSchema, body, res.locals.locale);
    const errors: Record<string, string> = parsed.ok ? {} : errorsByField(parsed.errors, 'source');
    if (parsed.ok) {
      try {
        await saveStandard(db, id, toInput(parsed.value), writerOf(req, res));
        flash(req, 'ok', res.locals.L('Đã lưu tiêu chuẩn.', 'Standard saved.'));
        return void res.redirect(303, '/standards');
      } catch (err) {
        const r = await refusal(db, err, res.locals.locale, 'source');
        errors[r.field] = r.message;
      }
    }
    form(res, { title, action, values: body, errors }, 422);
  }

  const ruleForm = (res: Response, model: { title: string; action: string; values: object; errors: Record<string, string>; isNew: boolean }, status = 200) =>
    res.status(status).render('pages/rule-form', {
      ...model, ...options(res),
      regionOptions: REGIONS.map((r) => ({ value: r, label: regionLabel(res.locals.locale, r) })),
    });

  async function saveRuleForm(req: Request, res: Response, id: number | null, action: string, title: string, key?: string) {
    const body = filledFields(req.body);
    if (key) body.key = key;
    const typed = typeof body.clauses === 'string' ? body.clauses : '';
    const parsed = parseInput(ruleSchema, { ...body, clauses: clausesOf(typed) }, res.locals.locale);
    const errors: Record<string, string> = parsed.ok ? {} : errorsByField(parsed.errors, 'name');
    if (errors.clauses) errors.clauses = t(res.locals.locale, 'RULE_CLAUSES');
    if (parsed.ok) {
      try {
        await saveRule(db, id, toRuleInput(parsed.value), writerOf(req, res));
        flash(req, 'ok', res.locals.L('Đã lưu quy định.', 'Rule saved.'));
        return void res.redirect(303, '/standards#rules');
      } catch (err) {
        const r = await refusal(db, err, res.locals.locale, 'name');
        errors[r.field] = r.message;
      }
    }
    ruleForm(res, { title, action, values: { ...body, clauses: typed }, errors, isNew: id === null }, 422);
  }

  return {
    newRule(_req: Request, res: Response) {
      ruleForm(res, { title: res.locals.L('Thêm quy định sắp xếp', 'New merger rule'), action: '/standards/rules', values: { kind: 'commune' }, errors: {}, isNew: true });
    },
    async createRule(req: Request, res: Response) {
      await saveRuleForm(req, res, null, '/standards/rules', res.locals.L('Thêm quy định sắp xếp', 'New merger rule'));
    },
    async editRule(req: Request, res: Response) {
      const r = await getRule(db, Number(req.params.id) || 0);
      ruleForm(res, { title: res.locals.L('Sửa quy định sắp xếp', 'Edit merger rule'), action: `/standards/rules/${r.id}`, values: ruleValues(r, res.locals.locale), errors: {}, isNew: false });
    },
    async updateRule(req: Request, res: Response) {
      const r = await getRule(db, Number(req.params.id) || 0);
      await saveRuleForm(req, res, r.id, `/standards/rules/${r.id}`, res.locals.L('Sửa quy định sắp xếp', 'Edit merger rule'), r.key);
    },
    /** GET /standards: the standards and rules with their sources and validity, and the regions set on units. */
    async page(_req: Request, res: Response) {
      await list(res, { values: {}, errors: {} });
    },
    newForm(_req: Request, res: Response) {
      form(res, { title: res.locals.L('Thêm tiêu chuẩn', 'New standard'), action: '/standards', values: { kind: 'commune', region: 'mountainous' }, errors: {} });
    },
    async create(req: Request, res: Response) {
      await save(req, res, null, '/standards', res.locals.L('Thêm tiêu chuẩn', 'New standard'));
    },
    async editForm(req: Request, res: Response) {
      const s = await getStandard(db, Number(req.params.id) || 0);
      form(res, { title: res.locals.L('Sửa tiêu chuẩn', 'Edit standard'), action: `/standards/${s.id}`, values: valuesOf(s), errors: {} });
    },
    async update(req: Request, res: Response) {
      const id = Number(req.params.id) || 0;
      await getStandard(db, id);
      await save(req, res, id, `/standards/${id}`, res.locals.L('Sửa tiêu chuẩn', 'Edit standard'));
    },
    /** POST /standards/regions: the regions of one unit (none = cleared), inherited below it. */
    async setRegions(req: Request, res: Response) {
      const body = filledFields(req.body);
      if (typeof body.regions === 'string') body.regions = [body.regions];
      const parsed = parseInput(regionsSchema, body, res.locals.locale);
      const errors: Record<string, string> = parsed.ok ? {} : errorsByField(parsed.errors, 'unit');
      if (parsed.ok) {
        try {
          await setUnitRegions(db, await resolveUnitRef(db, parsed.value.unit, [res.locals.at]), parsed.value.regions, writerOf(req, res));
          flash(req, 'ok', res.locals.L('Đã lưu vùng của đơn vị.', 'Regions of the unit saved.'));
          return void res.redirect(303, '/standards');
        } catch (err) {
          if (!(err instanceof NotFoundError)) throw err;
          errors.unit = res.locals.L('Không tìm thấy đơn vị vào ngày đang xem.', 'No such unit on the date in view.');
        }
      }
      await list(res, { values: { unit: body.unit ?? '', regions: [].concat((body.regions as never) ?? []) }, errors }, 422);
    },
    /** GET /standards/candidates?root=&at=&rule=&page=: the units below the rule, by parent, with their neighbours. */
    async candidates(req: Request, res: Response) {
      const model = await candidatesPage(db, req, res);
      res.status(model.errors.length ? 422 : 200).render('pages/candidates', model);
    },
  };
}
