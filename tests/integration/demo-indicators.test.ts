import request from 'supertest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findUnitIdByCode } from '../../src/db/unit.repository.js';
import { leaderRotationsUnder } from '../../src/services/indicator.service.js';
import { signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

let db: Db;
let app: Express;
const PERIOD = 'from=2015-12-31&to=2024-09-02&root=10';

function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void) {
  const parts: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => parts.push(c));
  stream.on('end', () => done(null, Buffer.concat(parts)));
}
const download = async (path: string) => (await request(app).get(path).buffer(true).parse(binary)).body as Buffer;
/** The cells of a table's rows, tags stripped and spaces squeezed. */
const rowsOf = (html: string) => [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()));
const tableOf = (html: string, id: string) => rowsOf(new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html)![1]);

beforeAll(async () => {
  db = await newDemoDb();
  app = await signedInApp(db);
}, 60_000);

/**
 * Hand count of seeds/lao-cai/indicators.ts: on each of 2021's, 2022's and 2023's four swap dates
 * and 2024's first three (15 dates from 01/10/2020, the start of the term, to 02/09/2024) two pairs
 * of agencies swap a leader: 15 × 2 × 2 = 60. The swap of 15/08/2020 is before the term and the one of
 * 15/11/2024 after the interview.
 */
const ROTATED_BY_STAFFING = 60;

describe('the interview’s other results on the demo’s dashboard', () => {
  it('shows the four figures of 02/09/2024 with their source, each with a chart and a table, the earlier points marked illustrative', async () => {
    const res = await request(app).get('/?at=2024-09-02');
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="other-results"');
    const island = JSON.parse(/<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(res.text)![1]) as { id: string; labels: string[]; datasets: { label: string; data: number[]; kind: string; illustrative?: boolean[] }[] }[];
    const charts = island.filter((c) => c.id.startsWith('indicator-'));
    expect(charts).toHaveLength(4);
    const [docs, leaders, time, savings] = charts;
    // Legal documents by level: 293 province, 114 district, 30 commune = 437.
    expect(docs.datasets.map((d) => d.data.at(-1))).toEqual([293, 114, 30]);
    expect(docs.labels.at(-1)).toBe('02/09/2024');
    expect(docs.labels[0]).toBe('31/12/2021 (minh hoạ)');
    expect(docs.datasets[0].illustrative).toEqual([true, true, true, false]);
    const docRows = tableOf(res.text, docs.id + '-table');
    expect(docRows.at(-1)!.slice(0, 5)).toEqual(['02/09/2024 từ 01/10/2020', '293', '114', '30', '437']);
    expect(docRows.at(-1)![5]).toContain('Phỏng vấn Chủ tịch UBND tỉnh');
    expect(docRows[1][0]).toContain('minh hoạ');
    // Leaders: the reported 152 beside the count from the staff movements over the same period.
    expect(leaders.datasets.map((d) => d.kind)).toEqual(['reported', 'counted']);
    expect(leaders.datasets[0].data.at(-1)).toBe(152);
    expect(leaders.datasets[1].data.at(-1)).toBe(ROTATED_BY_STAFFING);
    expect(tableOf(res.text, leaders.id + '-table').at(-1)!.slice(0, 3)).toEqual(['02/09/2024 từ 01/10/2020', '152', String(ROTATED_BY_STAFFING)]);
    expect(res.text).toContain('Đếm từ biến động biên chế (luân chuyển, điều động lãnh đạo)');
    expect(time.datasets[0].data.at(-1)).toBe(30);
    expect(savings.datasets[0].data.at(-1)).toBe(15);
    expect(tableOf(res.text, savings.id + '-table').at(-1)!.join(' ')).toContain('6 tháng đầu năm 2024');
    expect(res.text).toContain('<strong>437 văn bản</strong> ngày 02/09/2024');
    expect(res.text).toContain('<strong>15 tỷ đồng</strong> ngày 02/09/2024');
  });

  it('shows nothing reported after the date in view: on 31/12/2022 only the illustrative points so far', async () => {
    const res = await request(app).get('/?at=2022-12-31');
    const docs = JSON.parse(/<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(res.text)![1]).find((c: { id: string }) => c.id.startsWith('indicator-'));
    expect(docs.labels).toEqual(['31/12/2021 (minh hoạ)', '31/12/2022 (minh hoạ)']);
  });

  it('counts the leaders rotated from the staff movements as the hand count does', async () => {
    const province = (await findUnitIdByCode(db, '10', '2024-09-02'))!;
    expect(await leaderRotationsUnder(db, province, '2020-10-01', '2024-09-02')).toBe(ROTATED_BY_STAFFING);
    expect(await leaderRotationsUnder(db, province, null, '2024-09-02')).toBe(ROTATED_BY_STAFFING + 4);
    expect(await leaderRotationsUnder(db, province, '2020-10-01', '2024-12-31')).toBe(ROTATED_BY_STAFFING + 4);
  });

  it('puts the target on the procedure time among the targets, measured on the reported figure (30 % reached)', async () => {
    const res = await request(app).get('/targets?at=2024-09-02');
    const row = rowsOf(res.text).find((r) => r[0].startsWith('Cắt giảm 30 % thời gian'))!;
    expect(row.slice(2, 5)).toEqual(['0', '30', '30']);
  });
});

describe('the report’s other results', () => {
  const expected = [
    ['Văn bản quy phạm pháp luật ban hành', '437', 'văn bản', '02/09/2024', '01/10/2020'],
    ['— Cấp tỉnh', '293'], ['— Cấp huyện', '114'], ['— Cấp xã', '30'],
    ['Cán bộ lãnh đạo được luân chuyển, điều động', '152', 'người', '02/09/2024', '01/10/2020'],
    ['— Đếm từ biến động biên chế (luân chuyển, điều động lãnh đạo)', String(ROTATED_BY_STAFFING)],
    ['Thời gian giải quyết thủ tục hành chính cắt giảm bình quân', '30', '%', '02/09/2024', ''],
    ['Chi phí tiết kiệm cho người dân, doanh nghiệp', '15', 'tỷ đồng', '02/09/2024', '01/01/2024'],
  ];

  it('is an appendix of the report page and of the print view', async () => {
    for (const path of [`/reports?${PERIOD}`, `/reports/print?${PERIOD}&sections=summary,other-results`]) {
      const res = await request(app).get(path);
      expect(res.status).toBe(200);
      const section = /<section[^>]*id="other-results"[^>]*>([\s\S]*?)<\/section>/.exec(res.text)![1];
      expect(section).toContain('Kết quả khác');
      const rows = rowsOf(section).slice(1);
      expect(rows.map((r, i) => r.slice(0, expected[i].length))).toEqual(expected);
      expect(rows[0][5]).toContain('Phỏng vấn Chủ tịch UBND tỉnh');
    }
  });

  it('is a sheet of the XLSX, a file of CSV and a table of the DOCX', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await download(`/reports.xlsx?${PERIOD}`) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Kết quả khác')!;
    const values: unknown[][] = [];
    ws.eachRow((r) => values.push((r.values as unknown[]).slice(1, 3)));
    expect(values).toContainEqual(['Văn bản quy phạm pháp luật ban hành', 437]);
    expect(values).toContainEqual(['— Cấp xã', 30]);
    expect(values).toContainEqual(['Cán bộ lãnh đạo được luân chuyển, điều động', 152]);
    expect(values).toContainEqual(['Thời gian giải quyết thủ tục hành chính cắt giảm bình quân', 30]);
    expect(values).toContainEqual(['Chi phí tiết kiệm cho người dân, doanh nghiệp', 15]);
    const csv = (await request(app).get(`/reports/other-results.csv?${PERIOD}`)).text;
    expect(csv).toContain('Văn bản quy phạm pháp luật ban hành,437,văn bản,02/09/2024,01/10/2020');
    expect(csv).toContain('Chi phí tiết kiệm cho người dân, doanh nghiệp",15,tỷ đồng,02/09/2024,01/01/2024');
    const xml = await (await JSZip.loadAsync(await download(`/reports.docx?${PERIOD}&sections=summary,other-results`))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Phụ lục I. Kết quả khác');
    for (const s of ['Văn bản quy phạm pháp luật ban hành 437 văn bản', 'Cán bộ lãnh đạo được luân chuyển, điều động 152 người', 'Chi phí tiết kiệm cho người dân, doanh nghiệp 15 tỷ đồng']) expect(text).toContain(s);
  });
});
