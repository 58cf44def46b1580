import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findUnitIdByCode } from '../../src/db/unit.repository.js';
import { HELP_FOR_ROUTE } from '../../src/web/help/help-links.js';
import { helpGuide } from '../../src/web/help/help-pages.js';
import { signedInApp, testApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';
import { routesOf } from '../support/routes.js';

const NAMES = readdirSync('views/help').filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
/** The guide a member of staff reads, which must exist in Vietnamese. */
const IN_VIETNAMESE = ['pages', 'compare', 'plans', 'staffing', 'standards', 'imports', 'accounts', 'demo', 'model'];
const LOCALES = ['vi', 'en'] as const;

let db: Db;
let app: Express;
const pages = new Map<string, string>();

/** The guide's own part of a help page (what help.ejs inserts), without the site's layout. */
const article = (html: string) => /<article class="help-doc"[^>]*>([\s\S]*)<\/article>/.exec(html)?.[1] ?? '';
const idsIn = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
const hrefsIn = (html: string) => [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

async function helpPage(name: string, lang: string): Promise<string> {
  const key = `${lang}/${name}`;
  if (!pages.has(key)) {
    const res = await request(app).get(`/help/${name}?lang=${lang}`);
    expect(res.status, key).toBe(200);
    pages.set(key, res.text);
  }
  return pages.get(key)!;
}

describe('the guide in the app (/help)', () => {
  beforeAll(async () => {
    db = await newDemoDb();
    app = await signedInApp(db);
  }, 120_000);

  it('lists every page, the Vietnamese index marking the pages written only in English', async () => {
    const vi = await request(app).get('/help');
    expect(vi.status).toBe(200);
    expect(vi.text).toContain('<html lang="vi">');
    expect(vi.text).toContain('<h1>Hướng dẫn</h1>');
    for (const name of NAMES) expect(vi.text).toContain(`href="/help/${name}"`);
    expect(vi.text).toMatch(/href="\/help\/deployment" hreflang="en"><span lang="en">[^<]+<\/span><\/a> <span class="muted">\(tiếng Anh\)<\/span>/);
    expect(vi.text).not.toMatch(/href="\/help\/compare" hreflang/);
    const en = await request(app).get('/help?lang=en');
    expect(en.text).toContain('<h1>Help</h1>');
    expect(en.text).not.toContain('tiếng Anh');
  });

  it('renders every page in both languages, the staff guide in Vietnamese, with no script in what the Markdown gives', async () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(16);
    for (const name of NAMES) {
      for (const lang of LOCALES) {
        const html = await helpPage(name, lang);
        const body = article(html);
        expect(body, `${lang}/${name}`).toMatch(/<h1 id="[^"]+">/);
        expect(body.toLowerCase()).not.toContain('<script');
        expect(body).not.toMatch(/\son\w+=/i);
        expect(html).toContain(`<html lang="${lang}">`);
      }
    }
    for (const name of IN_VIETNAMESE) {
      const html = await helpPage(name, 'vi');
      expect(html, name).not.toContain('class="help-note"');
      expect(html, name).toMatch(/<article class="help-doc" >/);
    }
    expect(await helpPage('deployment', 'vi')).toContain('<article class="help-doc" lang="en">');
  });

  it('keeps every link of every page working: other help pages and their sections, and the app\'s pages', async () => {
    const broken: string[] = [];
    let checked = 0;
    for (const name of NAMES) {
      for (const lang of LOCALES) {
        const body = article(await helpPage(name, lang));
        for (const href of hrefsIn(body)) {
          checked += 1;
          const [path, anchor] = href.split('#');
          if (/^(https?|mailto):/.test(href)) continue;
          if (path === '' || path.startsWith('/help')) {
            const target = path === '' ? body : article(await helpPage(path.slice('/help/'.length), lang));
            if (!target) broken.push(`${lang}/${name}: ${href} (no such page)`);
            else if (anchor && !idsIn(target).has(anchor)) broken.push(`${lang}/${name}: ${href} (no such section)`);
          } else {
            const res = await request(app).get(path);
            if (res.status === 404) broken.push(`${lang}/${name}: ${href} (404)`);
          }
        }
        expect(body).not.toMatch(/href="[^"/#][^"]*\.md/);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('answers an unknown page with the app\'s own 404, and asks an anonymous visitor to sign in', async () => {
    for (const path of ['/help/nope', '/help/vi', '/help/README', '/help/..%2Fpackage', '/help/pages.md']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(404);
      expect(res.text).toContain('Không tìm thấy trang này.');
    }
    const anonymous = await request(testApp(db)).get('/help/compare');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login/);
  });

  it('maps screens only to real routes, and to sections that exist in both languages', async () => {
    const routes = new Set(routesOf(testApp(db)).filter((r) => r.method === 'GET' || r.method === 'POST').map((r) => r.path));
    for (const [route, target] of Object.entries(HELP_FOR_ROUTE)) {
      expect(routes.has(route) || routes.has(route.replace(/\/$/, '')), route).toBe(true);
      const [name, anchor] = target.split('#');
      for (const lang of LOCALES) {
        const body = article(await helpPage(name, lang));
        if (anchor) expect(idsIn(body).has(anchor), `${lang}: ${target} for ${route}`).toBe(true);
      }
    }
  });

  it('shows a "Hướng dẫn" link in the header of every page, and the screen\'s own help beside its content', async () => {
    const district = await findUnitIdByCode(db, '085', '2024-09-02');
    const plan = (await db.selectFrom('plans').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const screens: [string, string][] = [
      ['/?at=2024-09-02', 'staffing#the-dashboard'], ['/tree', 'pages'], ['/search?q=ta+chai', 'pages'],
      [`/units/${district}?at=2024-09-02`, 'model'], [`/units/${district}/chart?at=2024-09-02`, 'compare#org-chart-and-before-after-flow'],
      ['/decisions', 'model'], ['/changes', 'model'], ['/changes/new?type=merge', 'model#change-types'],
      ['/staffing', 'staffing#staffing'], ['/staffing/import', 'imports#staffing-movements'], ['/targets', 'staffing#targets'],
      ['/standards', 'standards'], ['/standards/candidates?root=10&at=2024-06-30', 'standards#candidates'],
      ['/plans', 'plans'], [`/plans/${plan}`, 'plans#workflow'], [`/plans/${plan}/tree`, 'plans#the-to-be-tree'],
      ['/compare?root=10&from=2019-12-01&to=2024-11-01', 'compare'], ['/compare/correspondence?root=10&from=2019-12-01&to=2024-11-01', 'compare#the-correspondence-table'],
      ['/reports?root=10&from=2015-12-31&to=2024-09-02', 'compare#reports'], ['/admin/users', 'accounts#roles'], ['/audit', 'accounts#the-audit-trail'],
      ['/account/password', 'accounts#passwords-and-sign-in'],
    ];
    for (const [path, target] of screens) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).toContain(`<div class="page-help"><a href="/help/${target}">Hướng dẫn cho trang này</a></div>`);
      expect(res.text, path).toMatch(/<a href="\/help" >Hướng dẫn<\/a>/);
    }
    const english = await request(app).get('/compare?lang=en');
    expect(english.text).toContain('<a href="/help/compare">Help with this page</a>');
    const help = await request(app).get('/help/compare');
    expect(help.text).not.toContain('class="page-help"');
    expect(help.text).toContain('<a href="/help" aria-current=page>Hướng dẫn</a>');
  });

  it('links every screen the table names to its help, whatever record it shows', async () => {
    const first = async (table: string, where = sql`1 = 1`) => (await sql<{ id: number }>`select min(id) as id from ${sql.table(table)} where ${where}`.execute(db)).rows[0].id;
    const plan = await first('plans');
    const ids: [RegExp, number][] = [
      [/\/units\/:id/, (await findUnitIdByCode(db, '085', '2024-09-02'))!], [/\/decisions\/:id/, await first('decisions')],
      [/\/changes\/:id/, await first('changes')], [/\/targets\/:id/, await first('targets')],
      [/\/standards\/rules\/:id/, await first('merger_rules')], [/\/standards\/:id/, await first('standards')],
      [/\/proposals\/:pid/, await first('plan_proposals', sql`plan_id = ${plan}`)], [/\/plans\/:id/, plan],
      [/\/indicators\/:id/, await first('indicators')],
    ];
    const gets = new Set(routesOf(testApp(db)).filter((r) => r.method === 'GET').map((r) => r.path));
    const missing: string[] = [];
    let checked = 0;
    for (const [route, target] of Object.entries(HELP_FOR_ROUTE)) {
      if (!gets.has(route)) continue;
      checked += 1;
      let url = route;
      for (const [pattern, id] of ids) url = url.replace(pattern, (m) => m.replace(/:\w+$/, String(id)));
      const res = await request(app).get(url);
      if (!res.text.includes(`<div class="page-help"><a href="/help/${target}">`)) missing.push(`${route} (${url}, ${res.status})`);
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(35);
  });

  it('fixes the page names at start-up, renders a page once when views are cached, and reads it again otherwise', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'help-'));
    mkdirSync(path.join(dir, 'vi'));
    writeFileSync(path.join(dir, 'plans.md'), '# Plans\n');
    writeFileSync(path.join(dir, 'vi', 'plans.md'), '# Phương án\n');
    const guide = helpGuide(dir);
    writeFileSync(path.join(dir, 'later.md'), '# Added after start-up\n');
    expect(guide.names).toEqual(['plans']);
    expect(() => guide.page('later', 'en')).toThrow();
    expect(guide.page('plans', 'vi', true)).toMatchObject({ title: 'Phương án', lang: 'vi' });
    writeFileSync(path.join(dir, 'vi', 'plans.md'), '# Phương án sắp xếp\n');
    expect(guide.page('plans', 'vi', true).title).toBe('Phương án');
    expect(guide.page('plans', 'en', false).title).toBe('Plans');
    writeFileSync(path.join(dir, 'plans.md'), '# Restructuring plans\n');
    expect(guide.page('plans', 'en', false).title).toBe('Restructuring plans');
  });
});
