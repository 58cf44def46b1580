import { hierarchy, tree, type HierarchyPointNode } from 'd3-hierarchy';

/** A box of the org chart, as the service hands it over: labels already in the reader's language. */
export interface ChartUnit {
  id: number;
  name: string;
  /** "Xã", "Sở", "Giáo dục"… */
  type: string;
  code: string | null;
  staff: { actual: number; quota: number } | null;
  /** The compare page's class of what happened to it (ended, created, changed, moved, same), or a plan's "proposed". */
  status: string | null;
  /** Units below it on the date that the chart does not draw (beyond the depth asked). */
  hidden: number;
  children: ChartUnit[];
}

export interface PlacedBox {
  unit: ChartUnit;
  parentId: number | null;
  depth: number;
  x: number;
  y: number;
  /** Drawn in a compact grid of leaves under its parent rather than on a branch of its own. */
  inGrid: boolean;
}

/** A line as x, y pairs; `to` null: a stem from `from` to its grid of leaves or its wrapped rows. */
export interface PlacedLink { from: number; to: number | null; points: number[] }
export interface LeafGrid { parentId: number; x: number; y: number; w: number; h: number; columns: number }

export interface ChartLayout { width: number; height: number; boxes: PlacedBox[]; links: PlacedLink[]; grids: LeafGrid[] }

export const BOX = { w: 168, h: 60, gapX: 14, gapY: 36, cellGapX: 8, cellGapY: 8, margin: 16 };

/**
 * Leaves under one parent are listed in columns, never spread on one row: 99 communes under a new
 * province make 7 columns of 15, about the proportions of an A4 landscape page; 15 communes under a
 * district make one column of 12 and one of 3. Fewer than four leaves stay on the tree's row.
 */
export function gridShape(n: number): { columns: number; rows: number } {
  const fit = Math.ceil(Math.sqrt((n * (BOX.w + BOX.cellGapX)) / ((BOX.h + BOX.cellGapY) * 1.41)));
  const columns = Math.ceil(n / Math.max(12, fit));
  return { columns, rows: Math.ceil(n / columns) };
}

const GRID_FROM = 4;

/** A node of the layout: a box, or (`grid` set) the block of leaves listed under its parent. */
interface Slot { unit: ChartUnit; grid: ChartUnit[] | null; children: Slot[] }

function slotOf(u: ChartUnit): Slot {
  const leaves = u.children.length >= GRID_FROM && u.children.every((c) => c.children.length === 0);
  // The block is a child of its own in the tidy tree, so that branches beside it keep clear of it at its level.
  return { unit: u, grid: null, children: leaves ? [{ unit: u, grid: u.children, children: [] }] : u.children.map(slotOf) };
}

function gridSize(n: number): { w: number; h: number; columns: number; rows: number } {
  const { columns, rows } = gridShape(n);
  return { w: columns * (BOX.w + BOX.cellGapX) - BOX.cellGapX, h: rows * (BOX.h + BOX.cellGapY) - BOX.cellGapY, columns, rows };
}

/** The proportions of an A4 landscape page, which charts aim for. */
export const A4 = 297 / 210;

/**
 * Lays the subtree out top-down with d3-hierarchy's tidy tree. A level too wide for a page is
 * wrapped: the branches under the root are set in several rows hung from one trunk, as many
 * as bring the chart nearest to an A4 landscape page (10 districts with their communes: 3 rows).
 */
export function layOutChart(root: ChartUnit, aspect = A4): ChartLayout {
  const whole = tidyLayout(root);
  const wide = whole.width > whole.height * aspect * 1.5;
  if (!wide || root.children.length < 2 || root.children.every((c) => c.children.length === 0)) return whole;
  return wrapped(root, root.children.map((c) => tidyLayout(c)), aspect);
}

/** Each level is as tall as its tallest box or grid of leaves, so nothing overlaps. */
function tidyLayout(root: ChartUnit): ChartLayout {
  const h = hierarchy<Slot>(slotOf(root), (s) => s.children);
  const width = (s: Slot) => (s.grid ? gridSize(s.grid.length).w : BOX.w);
  const height = (s: Slot) => (s.grid ? gridSize(s.grid.length).h : BOX.h);
  const placed = tree<Slot>().nodeSize([1, 1]).separation((a, b) => (width(a.data) + width(b.data)) / 2 + BOX.gapX)(h);
  const nodes = placed.descendants();
  const levelH: number[] = [];
  for (const n of nodes) levelH[n.depth] = Math.max(levelH[n.depth] ?? 0, height(n.data));
  const top: number[] = [BOX.margin];
  for (let d = 1; d < levelH.length; d++) top[d] = top[d - 1] + levelH[d - 1] + BOX.gapY;
  const shift = BOX.margin - Math.min(...nodes.map((n) => n.x - width(n.data) / 2));
  const out: ChartLayout = { width: 0, height: 0, boxes: [], links: [], grids: [] };
  for (const n of nodes) (n.data.grid ? placeGrid : placeBox)(n, top, shift, out);
  out.width = Math.ceil(Math.max(...nodes.map((n) => n.x + shift + width(n.data) / 2)) + BOX.margin);
  out.height = Math.ceil(top[levelH.length - 1] + levelH[levelH.length - 1] + BOX.margin);
  return out;
}

/** Consecutive branches in rows of about `max` wide: a branch goes on the row where most of it fits. */
function pack(blocks: ChartLayout[], max: number): ChartLayout[][] {
  const rows: ChartLayout[][] = [[]];
  let w = 0;
  for (const b of blocks) {
    if (w > 0 && w + b.width / 2 > max) (rows.push([]), (w = 0));
    rows.at(-1)!.push(b);
    w += b.width;
  }
  return rows;
}

const TRUNK = BOX.margin + 6;

function wrapped(root: ChartUnit, blocks: ChartLayout[], aspect: number): ChartLayout {
  const widest = Math.max(...blocks.map((b) => b.width));
  const total = blocks.reduce((a, b) => a + b.width, 0);
  const size = (rows: ChartLayout[][]) => ({
    w: TRUNK + 10 + Math.max(...rows.map((r) => r.reduce((a, b) => a + b.width, 0))),
    h: BOX.margin + BOX.h + 12 + rows.reduce((a, r) => a + Math.max(...r.map((b) => b.height)) + 4, 0),
  });
  let best: { rows: ChartLayout[][]; score: number } | null = null;
  for (let n = 2; n <= blocks.length; n++) {
    const rows = pack(blocks, Math.max(widest / 2, total / n));
    const { w, h } = size(rows);
    const score = Math.abs(Math.log(w / h / aspect));
    if (!best || score < best.score) best = { rows, score };
    if (rows.length === blocks.length) break;
  }
  const { w, h } = size(best!.rows);
  const out: ChartLayout = { width: w, height: h, boxes: [], links: [], grids: [] };
  const x0 = TRUNK + 10;
  const cx = x0 + BOX.margin + BOX.w / 2;
  out.boxes.push({ unit: root, parentId: null, depth: 0, x: cx - BOX.w / 2, y: BOX.margin, inGrid: false });
  let rowTop = BOX.margin + BOX.h + 12;
  const buses: number[] = [];
  for (const row of best!.rows) {
    const bus = rowTop + 6;
    buses.push(bus);
    let x = x0;
    let last = TRUNK;
    for (const b of row) {
      const rootBox = b.boxes[0];
      const childX = x + rootBox.x + BOX.w / 2;
      shiftInto(out, b, x, rowTop, root.id);
      out.links.push({ from: root.id, to: rootBox.unit.id, points: [childX, bus, childX, rowTop + rootBox.y] });
      last = childX;
      x += b.width;
    }
    out.links.push({ from: root.id, to: null, points: [TRUNK, bus, last, bus] });
    rowTop += Math.max(...row.map((b) => b.height)) + 4;
  }
  out.links.push({ from: root.id, to: null, points: [cx, BOX.margin + BOX.h, cx, buses[0]] });
  out.links.push({ from: root.id, to: null, points: [TRUNK, buses[0], TRUNK, buses.at(-1)!] });
  return out;
}

/** A branch's own layout moved to (dx, dy), one level deeper, its top hung from the root. */
function shiftInto(out: ChartLayout, b: ChartLayout, dx: number, dy: number, rootId: number): void {
  for (const box of b.boxes) out.boxes.push({ ...box, x: box.x + dx, y: box.y + dy, depth: box.depth + 1, parentId: box.parentId ?? rootId });
  for (const g of b.grids) out.grids.push({ ...g, x: g.x + dx, y: g.y + dy });
  for (const l of b.links) out.links.push({ ...l, points: l.points.map((v, i) => v + (i % 2 === 0 ? dx : dy)) });
}

function placeBox(n: HierarchyPointNode<Slot>, top: number[], shift: number, out: ChartLayout): void {
  const cx = n.x + shift;
  const y = top[n.depth];
  out.boxes.push({ unit: n.data.unit, parentId: n.parent?.data.unit.id ?? null, depth: n.depth, x: cx - BOX.w / 2, y, inGrid: false });
  if (n.parent) out.links.push({ from: n.parent.data.unit.id, to: n.data.unit.id, points: elbow(n.parent.x + shift, top[n.parent.depth] + BOX.h, cx, y) });
}

function placeGrid(n: HierarchyPointNode<Slot>, top: number[], shift: number, out: ChartLayout): void {
  const parent = n.parent!;
  const g = gridSize(n.data.grid!.length);
  const gx = n.x + shift - g.w / 2;
  const gy = top[n.depth];
  out.grids.push({ parentId: parent.data.unit.id, x: gx, y: gy, w: g.w, h: g.h, columns: g.columns });
  out.links.push({ from: parent.data.unit.id, to: null, points: elbow(parent.x + shift, top[parent.depth] + BOX.h, n.x + shift, gy - 4) });
  // Down each column first: a list read top to bottom, then the next column.
  n.data.grid!.forEach((u, i) => {
    const col = Math.floor(i / g.rows);
    const row = i % g.rows;
    out.boxes.push({ unit: u, parentId: parent.data.unit.id, depth: n.depth, x: gx + col * (BOX.w + BOX.cellGapX), y: gy + row * (BOX.h + BOX.cellGapY), inGrid: true });
  });
}

function elbow(x1: number, y1: number, x2: number, y2: number): number[] {
  const mid = (y1 + y2) / 2;
  return [x1, y1, x1, mid, x2, mid, x2, y2];
}
