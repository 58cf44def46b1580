import { describe, expect, it } from 'vitest';
import { appHref, renderMarkdown, slug } from '../../src/web/help/help-pages.js';

const PAGES = new Set(['compare', 'plans']);

describe('help pages from Markdown', () => {
  it('links help pages to each other inside the app, sections included', () => {
    expect(appHref('plans.md', PAGES)).toBe('/help/plans');
    expect(appHref('compare.md#exports', PAGES)).toBe('/help/compare#exports');
    expect(appHref('./compare.md', PAGES)).toBe('/help/compare');
    expect(appHref('../compare.md#exports', PAGES)).toBe('/help/compare#exports');
    expect(appHref('#exports', PAGES)).toBe('#exports');
    expect(appHref('/tree', PAGES)).toBe('/tree');
  });

  it('shows links the app cannot serve (repository files, unknown pages) as their text', () => {
    for (const href of ['../../README.md', 'src/web/app.ts', 'nope.md', '//evil.example/x', 'javascript:alert(1)', 'data:text/html,x']) {
      expect(appHref(href, PAGES), href).toBeNull();
    }
    const { html, links } = renderMarkdown('See [the README](../../README.md) and [plans](plans.md).', PAGES);
    expect(html).toContain('<span class="repo-ref">the README</span>');
    expect(html).toContain('<a href="/help/plans">plans</a>');
    expect(links).toEqual(['/help/plans']);
  });

  it('escapes any HTML written in the Markdown instead of passing it through', () => {
    const { html } = renderMarkdown('# T\n\n<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and `<b>`.\n\n![x](javascript:alert(1))', PAGES);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<code>&lt;b&gt;</code>');
  });

  it('gives headings GitHub\'s ids, or the id written after them, and takes the title from the first', () => {
    const { title, ids, html } = renderMarkdown('# Compare and *export*\n\n## Org chart and before-after flow\n\n## Xuất dữ liệu {#exports}\n\n## Exports\n', PAGES);
    expect(title).toBe('Compare and export');
    expect(ids).toEqual(['compare-and-export', 'org-chart-and-before-after-flow', 'exports', 'exports-1']);
    expect(html).toContain('<h2 id="exports">Xuất dữ liệu</h2>');
    expect(slug('The demo\'s targets')).toBe('the-demos-targets');
    expect(slug('Biên chế đi theo đơn vị')).toBe('biên-chế-đi-theo-đơn-vị');
  });

  it('wraps tables so that a wide one scrolls inside the page', () => {
    expect(renderMarkdown('| a | b |\n| - | - |\n| 1 | 2 |\n', PAGES).html).toMatch(/^<div class="table-scroll"><table>[\s\S]*<\/table><\/div>/);
  });
});
