import type { Stop } from '../../domain/timeline.js';
import type { ScopeTimeline } from '../../services/timeline.service.js';
import { scriptJson, type viewHelpers } from './locals.js';

type Helpers = ReturnType<typeof viewHelpers>;
type Params = Record<string, string | number | undefined | null>;

export interface StopView {
  on: string;
  label: string;
  href: string;
  current: boolean;
  /** The step's first decision, and how many more decisions and changes fell on that date. */
  decision: { number: string; href: string } | null;
  otherDecisions: number;
  changes: number;
  /** The register on that date, limited to the scope. */
  registerHref: string;
  /** The whole position in words: what the slider reads out and shows. */
  text: string;
}

/** Links on either side of the date in view in the list read without JavaScript. */
const NEAR = 3;

/**
 * The timeline as the pages draw it: each position a link to `path` with `?at=` of that date (the
 * page's other parameters kept), the decision of each step, previous and next, the positions near
 * the date in view for reading without JavaScript, and the slider's data as a JSON island.
 */
export function timelineView(t: ScopeTimeline, h: Helpers, path: string, params: Params = {}) {
  const root = t.rootId === null ? undefined : `id:${t.rootId}`;
  const view = (s: Stop, i: number): StopView => {
    const d = s.change ? t.decisions.get(s.change.decisionId) : undefined;
    const other = s.change ? s.change.decisions - 1 : 0;
    const changes = s.change?.changes ?? 0;
    const words = !s.change
      ? h.L('ngày đang xem, không có thay đổi', 'the date in view, no change')
      : [
          d?.number ?? '',
          other > 0 ? h.L(`và ${h.num(other)} văn bản khác`, `and ${h.num(other)} other decision${other > 1 ? 's' : ''}`) : '',
          h.L(`${h.num(changes)} thay đổi`, `${h.num(changes)} change${changes > 1 ? 's' : ''}`),
        ].filter(Boolean).join(' · ');
    return {
      on: s.on, label: h.date(s.on), href: h.href(path, { ...params, at: s.on }), current: i === t.index,
      decision: d ? { number: d.number, href: h.href(`/decisions/${d.id}`, { at: s.on }) } : null,
      otherDecisions: other, changes,
      registerHref: h.href('/changes', { at: s.on, root, from: s.on, to: s.on }),
      text: `${h.date(s.on)} — ${words}`,
    };
  };
  const stops = t.stops.map(view);
  const near = stops.slice(Math.max(0, t.index - NEAR), t.index + NEAR + 1);
  return {
    stops, near, current: stops[t.index],
    first: t.index > NEAR ? stops[0] : null,
    last: t.index + NEAR < stops.length - 1 ? stops.at(-1)! : null,
    previous: t.previous ? view(t.previous, -1) : null,
    next: t.next ? view(t.next, -1) : null,
    total: t.total, hiddenBefore: t.hiddenBefore, hiddenAfter: t.hiddenAfter,
    registerHref: h.href('/changes', { root }),
    data: scriptJson({ url: h.href(path, { ...params, at: 'AT' }), index: t.index, stops: stops.map((s) => [s.on, s.text]) }),
  };
}

export type TimelineView = ReturnType<typeof timelineView>;
