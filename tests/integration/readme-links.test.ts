import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/web/help/help-pages.js';

/** Every `[text](target)` and `![alt](target)` of a Markdown text, code spans and blocks left out. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

/** The ids a Markdown file's headings get, as GitHub and the app's help pages give them. */
const anchorsOf = (file: string) => new Set(renderMarkdown(readFileSync(file, 'utf8'), new Set()).ids);

/** Broken relative links of a Markdown file; `appLinks`: links to the app's own pages (/tree) are checked by the app's tests instead. */
function brokenLinks(file: string, appLinks = false): string[] {
  const broken: string[] = [];
  for (const link of linksOf(readFileSync(file, 'utf8'))) {
    if (/^(https?|mailto):/.test(link) || (appLinks && link.startsWith('/'))) continue;
    const [target, anchor] = link.split('#');
    const resolved = target ? path.join(path.dirname(file), decodeURIComponent(target)) : file;
    if (!existsSync(resolved)) broken.push(`${link}: no file ${resolved}`);
    else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) broken.push(`${link}: no heading #${anchor}`);
  }
  return broken;
}

describe('README.md, the front door', () => {
  it('links only to files of the repository that exist, and to headings they have', () => {
    expect(linksOf(readFileSync('README.md', 'utf8')).length).toBeGreaterThan(10);
    expect(brokenLinks('README.md')).toEqual([]);
  });

  it('stays about 200 lines long', () => {
    expect(readFileSync('README.md', 'utf8').split('\n').length).toBeLessThanOrEqual(210);
  });

  it('points to the guide in the app', () => {
    expect(readFileSync('README.md', 'utf8')).toMatch(/Hướng dẫn.*\/help/);
  });

  it('keeps the guide\'s own links working where the repository shows it too (a Vietnamese page links ../x.md for a page in English only)', () => {
    const files = ['views/help', 'views/help/vi'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => `${dir}/${f}`));
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((f) => brokenLinks(f, true).map((b) => `${f}: ${b}`))).toEqual([]);
  });
});
