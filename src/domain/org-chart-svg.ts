import { BOX, type ChartLayout, type PlacedBox } from './org-chart.js';

/** The words a chart prints, in the reader's language (the domain knows no language). */
export interface ChartWords {
  title: string;
  /** "Biên chế 12/15": headcount against quota. */
  staff: (actual: number, quota: number) => string;
  /** "+15 đơn vị": units below that are not drawn. */
  hidden: (n: number) => string;
}

export interface SvgOptions {
  words: ChartWords;
  /** The unit's page, or null for no link. */
  href: (id: number) => string | null;
  /** Distinguishes two charts on one page (side by side). */
  idPrefix: string;
}

/** Escapes text and attribute values: & < > " ' (an SVG is XML, and names come from users). */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// In the file itself, so that the downloaded SVG and the PNG drawn from it look like the page.
const STYLE = [
  '.oc-box rect.oc-rect{fill:#fff;stroke:#8c959f;stroke-width:1}',
  '.oc-box text{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;fill:#1b1f24}',
  '.oc-name{font-size:11px;font-weight:600}.oc-meta,.oc-staff,.oc-more{font-size:9.5px;fill:#57606a}',
  '.oc-box a .oc-name{fill:#0b5cad}',
  '.oc-link{fill:none;stroke:#8c959f;stroke-width:1}.oc-grid{fill:#f6f8fa;stroke:#d0d7de;stroke-dasharray:3 3}',
  '.oc-band{fill:#d0d7de}',
  '.oc-ended rect.oc-rect{fill:#fef3f2;stroke:#b42318}.oc-ended .oc-band{fill:#b42318}',
  '.oc-created rect.oc-rect{fill:#ecfdf3;stroke:#067647}.oc-created .oc-band{fill:#067647}',
  '.oc-changed rect.oc-rect{fill:#fff8e1;stroke:#9a6700}.oc-changed .oc-band{fill:#9a6700}',
  '.oc-moved rect.oc-rect{fill:#eff8ff;stroke:#175cd3}.oc-moved .oc-band{fill:#175cd3}',
  '.oc-proposed rect.oc-rect{fill:#f4f0ff;stroke:#6b46c1;stroke-width:2}.oc-proposed .oc-band{fill:#6b46c1}',
  '.oc-toggle circle{fill:#fff;stroke:#8c959f}.oc-toggle text{font-size:11px;text-anchor:middle;fill:#57606a}',
  '.oc-box:focus{outline:none}.oc-box:focus rect.oc-rect{stroke:#f0a500;stroke-width:3}',
].join('');

const NAME_CHARS = 22;

/** A name on at most two lines of the box, cut at a word, with an ellipsis when it is longer still. */
export function nameLines(name: string, max = NAME_CHARS): string[] {
  if (name.length <= max) return [name];
  const words = name.split(' ');
  let first = '';
  while (words.length && (first ? `${first} ${words[0]}` : words[0]).length <= max) first = first ? `${first} ${words.shift()}` : words.shift()!;
  if (!first) first = words.shift()!;
  const rest = words.join(' ');
  return rest.length <= max ? [first, rest] : [first, `${rest.slice(0, max - 1).trimEnd()}…`];
}

const r = (n: number) => Math.round(n * 10) / 10;

function pathOf(points: number[]): string {
  let d = '';
  for (let i = 0; i < points.length; i += 2) d += `${i === 0 ? 'M' : 'L'}${r(points[i])},${r(points[i + 1])}`;
  return d;
}

/** The chart as one SVG document: links, grids, then boxes (each focusable, with its full name as a tooltip). */
export function chartSvg(layout: ChartLayout, o: SvgOptions): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="oc-svg" id="${esc(o.idPrefix)}" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="tree" aria-label="${esc(o.words.title)}">`,
    `<title>${esc(o.words.title)}</title><style>${STYLE}</style>`,
    '<g class="oc-grids">',
    ...layout.grids.map((g) => `<rect class="oc-grid" data-parent="${g.parentId}" x="${g.x - 4}" y="${g.y - 4}" width="${g.w + 8}" height="${g.h + 8}" rx="6"/>`),
    '</g><g class="oc-links">',
    ...layout.links.map((l) => `<path class="oc-link" data-from="${l.from}"${l.to === null ? '' : ` data-to="${l.to}"`} d="${pathOf(l.points)}"/>`),
    '</g><g class="oc-boxes">',
  ];
  const parents = new Set(layout.boxes.map((b) => b.parentId));
  for (const b of layout.boxes) parts.push(boxSvg(b, parents.has(b.unit.id), o));
  parts.push('</g></svg>');
  return parts.join('\n');
}

function boxSvg(b: PlacedBox, drawnChildren: boolean, o: SvgOptions): string {
  const u = b.unit;
  const meta = u.code ? `${u.type} · ${u.code}` : u.type;
  const lines = nameLines(u.name);
  const x = b.x + 10;
  const name = lines.map((t, i) => `<text class="oc-name" x="${x}" y="${b.y + 15 + i * 13}">${esc(t)}</text>`).join('');
  const link = o.href(u.id);
  const foot = u.staff ? o.words.staff(u.staff.actual, u.staff.quota) : '';
  const more = u.hidden > 0 ? o.words.hidden(u.hidden) : '';
  const attrs = [
    `class="oc-box${u.status ? ` oc-${esc(u.status)}` : ''}"`, `data-id="${u.id}"`, b.parentId === null ? '' : `data-parent="${b.parentId}"`,
    `tabindex="0" role="treeitem" aria-level="${b.depth + 1}"`, drawnChildren ? 'aria-expanded="true"' : '',
    `aria-label="${esc([u.name, meta, foot, more].filter(Boolean).join(', '))}"`,
  ].filter(Boolean).join(' ');
  return [
    `<g ${attrs}><title>${esc([u.name, meta, foot, more].filter(Boolean).join('\n'))}</title>`,
    `<rect class="oc-rect" x="${b.x}" y="${b.y}" width="${BOX.w}" height="${BOX.h}" rx="4"/>`,
    `<rect class="oc-band" x="${b.x}" y="${b.y}" width="4" height="${BOX.h}"/>`,
    link ? `<a href="${esc(link)}">${name}</a>` : name,
    `<text class="oc-meta" x="${x}" y="${b.y + 15 + lines.length * 13}">${esc(meta)}</text>`,
    foot ? `<text class="oc-staff" x="${x}" y="${b.y + BOX.h - 7}">${esc(foot)}</text>` : '',
    more ? `<text class="oc-more" x="${b.x + BOX.w - 8}" y="${b.y + 15 + lines.length * 13}" text-anchor="end">${esc(more)}</text>` : '',
    drawnChildren ? `<g class="oc-toggle" aria-hidden="true"><circle cx="${b.x + BOX.w - 10}" cy="${b.y + BOX.h - 10}" r="7"/><text x="${b.x + BOX.w - 10}" y="${b.y + BOX.h - 6}">−</text></g>` : '',
    '</g>',
  ].join('');
}
