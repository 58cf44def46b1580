import type { Status } from '../../domain/compare.js';
import { layOutChart, type ChartLayout } from '../../domain/org-chart.js';
import { chartTree } from '../../domain/org-chart-rows.js';
import { chartSvg, type ChartWords } from '../../domain/org-chart-svg.js';
import type { ChartData } from '../../services/org-chart.service.js';
import type { Locale } from '../i18n.js';
import { formatNumber } from './locals.js';
import { STATUS_TEXT } from './compare.view.js';
import { kindsLabel, subtypeLabel } from '../ui-text.js';

export interface DrawnChart { svg: string; layout: Pick<ChartLayout, 'width' | 'height'>; boxes: number; name: string }

export function chartWords(locale: Locale, title: string): ChartWords {
  const n = (x: number) => formatNumber(locale, x);
  return locale === 'en'
    ? { title, staff: (a, q) => `Staff ${n(a)}/${n(q)}`, hidden: (k) => `+${n(k)} below` }
    : { title, staff: (a, q) => `Biên chế ${n(a)}/${n(q)}`, hidden: (k) => `+${n(k)} trực thuộc` };
}

/** The compare page's colour of a unit: its first status (ended, created, changed, moved); none when unchanged. */
export function statusClass(statuses: Status[] | undefined): string | null {
  const cls = statuses?.length ? STATUS_TEXT[statuses[0]].cls : null;
  return cls === 'same' ? null : cls;
}

/**
 * The chart of one date as SVG: boxes in the reader's language, coloured by `statuses` when two
 * dates are compared, each name a link to the unit's page on that date.
 */
export function drawChart(d: ChartData, locale: Locale, o: { title: string; idPrefix: string; statuses?: Map<number, Status[]>; href: (id: number) => string }): DrawnChart | null {
  const root = chartTree(d.rows, d.rootId, d.depth, (r) => r.members === undefined
    ? {
        id: r.unitId, name: r.name, code: r.code, type: r.kind === 'scope' ? (locale === 'en' ? 'Predecessors (the scope then)' : 'Đơn vị tiền thân (phạm vi khi đó)') : subtypeLabel(locale, r.kind, r.subtype),
        staff: d.staff.get(r.unitId) ?? null, status: o.statuses ? statusClass(o.statuses.get(r.unitId)) : null,
      }
    : // Public service units by kind: one box for the 619 schools.
      { id: r.unitId, name: subtypeLabel(locale, 'public_service_unit', r.subtype), code: null, type: `${formatNumber(locale, r.members)} ${kindsLabel(locale, 'public_service_unit')}`, staff: null, status: null });
  if (!root) return null;
  const layout = layOutChart(root);
  const href = (id: number) => (id > 0 ? o.href(id) : null);
  return { svg: chartSvg(layout, { words: chartWords(locale, o.title), href, idPrefix: o.idPrefix }), layout, boxes: layout.boxes.length, name: root.name };
}
