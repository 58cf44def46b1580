import { describe, expect, it } from 'vitest';
import { BOX, gridShape, layOutChart, type ChartUnit, type PlacedBox } from '../../src/domain/org-chart.js';
import { chartTree, depthWithin, groupServiceUnits, pruneRows, type ChartRow } from '../../src/domain/org-chart-rows.js';
import { chartSvg, esc, nameLines } from '../../src/domain/org-chart-svg.js';

const unit = (id: number, name: string, children: ChartUnit[] = []): ChartUnit => ({ id, name, type: 'Xã', code: String(id).padStart(5, '0'), staff: null, status: null, hidden: 0, children });
const leaves = (from: number, n: number) => Array.from({ length: n }, (_, i) => unit(from + i, `Xã ${from + i}`));
const words = { title: 'Sơ đồ', staff: (a: number, q: number) => `Biên chế ${a}/${q}`, hidden: (n: number) => `+${n}` };

function overlaps(a: PlacedBox, b: PlacedBox): boolean {
  return a.x < b.x + BOX.w && b.x < a.x + BOX.w && a.y < b.y + BOX.h && b.y < a.y + BOX.h;
}

function expectNoOverlap(boxes: PlacedBox[]): void {
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j]), `${boxes[i].unit.name} / ${boxes[j].unit.name}`).toBe(false);
}

describe('org chart layout', () => {
  it('wraps a wide level of leaves into columns about the shape of an A4 landscape page', () => {
    expect(gridShape(99)).toEqual({ columns: 8, rows: 13 });
    expect(gridShape(15)).toEqual({ columns: 2, rows: 8 });
    expect(gridShape(12)).toEqual({ columns: 1, rows: 12 });
    const layout = layOutChart(unit(1, 'Tỉnh Lào Cai', leaves(100, 99)));
    expect(layout.boxes).toHaveLength(100);
    expect(layout.grids).toHaveLength(1);
    expect(layout.width / layout.height).toBeGreaterThan(1.2);
    expect(layout.width / layout.height).toBeLessThan(1.7);
    expectNoOverlap(layout.boxes);
  });

  it('keeps a few leaves on the row of the tree and never overlaps grids with branches beside them', () => {
    const root = unit(1, 'Tỉnh', [
      unit(2, 'Huyện A', leaves(10, 15)),
      unit(3, 'Huyện B', [unit(30, 'Xã B1', leaves(300, 5)), unit(31, 'Xã B2')]),
      unit(4, 'Huyện C', leaves(40, 3)),
    ]);
    const layout = layOutChart(root);
    expect(layout.boxes).toHaveLength(1 + 3 + 15 + 2 + 5 + 3);
    expect(layout.grids.map((g) => g.parentId).sort()).toEqual([2, 30]);
    expect(layout.boxes.filter((b) => b.parentId === 4).every((b) => !b.inGrid)).toBe(true);
    expectNoOverlap(layout.boxes);
    for (const b of layout.boxes) expect(b.x >= 0 && b.y >= 0 && b.x + BOX.w <= layout.width && b.y + BOX.h <= layout.height).toBe(true);
  });

  it('wraps the branches of a wide province into rows to fit an A4 landscape page', () => {
    const root = unit(1, 'Tỉnh', Array.from({ length: 10 }, (_, d) => unit(10 + d, `Huyện ${d}`, leaves(100 + d * 16, 16))));
    const layout = layOutChart(root);
    expect(layout.boxes).toHaveLength(171);
    const rows = new Set(layout.boxes.filter((b) => b.depth === 1).map((b) => b.y));
    expect(rows.size).toBeGreaterThan(1);
    expect(layout.width / layout.height).toBeGreaterThan(1);
    expect(layout.width / layout.height).toBeLessThan(2.2);
    expect(layout.boxes.filter((b) => b.depth === 1).every((b) => b.parentId === 1)).toBe(true);
    expect(layout.links.filter((l) => l.from === 1 && l.to !== null)).toHaveLength(10);
    expectNoOverlap(layout.boxes);
    for (const b of layout.boxes) expect(b.x >= 0 && b.y >= 0 && b.x + BOX.w <= layout.width && b.y + BOX.h <= layout.height).toBe(true);
  });

  it('draws as deep as stays under the cap of boxes', () => {
    const rows: ChartRow[] = [{ unitId: 1, parentId: null, name: 'T', code: null, kind: 'province', subtype: 'tinh' }];
    for (let d = 0; d < 10; d++) rows.push({ unitId: 10 + d, parentId: 1, name: `H${d}`, code: null, kind: 'district', subtype: 'huyen' });
    for (let c = 0; c < 100; c++) rows.push({ unitId: 100 + c, parentId: 10 + (c % 10), name: `X${c}`, code: null, kind: 'commune', subtype: 'xa' });
    expect(depthWithin(rows, 1, 3, 200)).toBe(3);
    expect(depthWithin(rows, 1, 3, 100)).toBe(1);
    const tree = chartTree(rows, 1, 1, (r) => ({ id: r.unitId, name: r.name, type: r.kind, code: r.code, staff: null, status: null }))!;
    expect(tree.children).toHaveLength(10);
    expect(tree.children[0].hidden).toBe(10);
    expect(pruneRows(rows, 1, (r) => r.kind === 'district')).toHaveLength(11);
  });

  it('shows public service units by kind: one box per kind under each parent', () => {
    const rows: ChartRow[] = [
      { unitId: 1, parentId: null, name: 'Tỉnh', code: '15', kind: 'province', subtype: 'tinh' },
      { unitId: 2, parentId: 1, name: 'Sở Y tế', code: null, kind: 'agency', subtype: 'so' },
      ...[3, 4, 5].map((id) => ({ unitId: id, parentId: 1, name: `Trường ${id}`, code: null, kind: 'public_service_unit', subtype: 'giao_duc' })),
      { unitId: 6, parentId: 2, name: 'Bệnh viện', code: null, kind: 'public_service_unit', subtype: 'y_te' },
      { unitId: 7, parentId: 6, name: 'Khoa', code: null, kind: 'public_service_unit', subtype: 'y_te' },
    ];
    const out = groupServiceUnits(rows, 1);
    expect(out.map((r) => r.unitId)).toEqual([1, 2, -1_000_000, -1_000_001]);
    expect(out.filter((r) => 'members' in r).map((r) => (r as { members: number }).members)).toEqual([3, 1]);
  });
});

describe('org chart SVG', () => {
  it('escapes & < > " \' in names, codes and links', () => {
    expect(esc(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    const evil = { ...unit(1, `Xã <script>alert("x")</script> & 'y'`), code: '<b>' };
    const svg = chartSvg(layOutChart(evil), { words, href: (id) => `/units/${id}?a=1&b="2"`, idPrefix: 'oc' });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('href="/units/1?a=1&amp;b=&quot;2&quot;"');
  });

  it('prints each box with name, type, code and headcount against quota, focusable and foldable', () => {
    const root = unit(1, 'Sở Nông nghiệp và Phát triển nông thôn', leaves(2, 2));
    root.staff = { actual: 12, quota: 17 };
    root.children[0].hidden = 4;
    const svg = chartSvg(layOutChart(root), { words, href: () => null, idPrefix: 'oc' });
    expect(svg.match(/<g class="oc-box"/g)).toHaveLength(3);
    expect(svg).toContain('Biên chế 12/17');
    expect(svg).toContain('>+4<');
    expect(svg).toContain('aria-expanded="true"');
    expect(svg).toContain('>Xã · 00001<');
    expect(nameLines('Sở Nông nghiệp và Phát triển nông thôn')).toEqual(['Sở Nông nghiệp và Phát', 'triển nông thôn']);
    expect(nameLines('Văn phòng Hội đồng nhân dân và Ủy ban nhân dân tỉnh')[1].endsWith('…')).toBe(true);
  });
});
