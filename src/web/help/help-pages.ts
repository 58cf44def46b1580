import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Marked, type Token, type Tokens } from 'marked';
import type { Locale } from '../i18n.js';

/**
 * The user guide, served in the app (issue 18): views/help/NAME.md in English, views/help/vi/NAME.md
 * in Vietnamese where one was written. The English files keep the names the README links; a page
 * without a Vietnamese file is shown in English to Vietnamese readers too, and says so.
 */

/** The guide for staff first, in the order a newcomer reads it; then the reference for IT staff. */
const ORDER = ['pages', 'model', 'compare', 'plans', 'staffing', 'standards', 'imports', 'accounts', 'demo',
  'api', 'operations', 'deployment', 'backups', 'security', 'architecture', 'benchmark'];

export interface HelpPage {
  name: string;
  /** The language the text is written in: 'en' for a page not (yet) written in Vietnamese. */
  lang: Locale;
  title: string;
  /** Rendered from our own Markdown, raw HTML in it escaped: the one value help.ejs inserts unescaped. */
  html: string;
  /** Every heading's id: the anchors a link may point at. */
  ids: string[];
  /** Every link target as rendered (/help/x#y, /tree, https://…). */
  links: string[];
}

export interface HelpGuide {
  /** The page names, fixed when the app starts: /help/:page answers these and no other. */
  names: string[];
  /** `keep`: render once and serve the same HTML from then on. */
  page(name: string, locale: Locale, keep?: boolean): HelpPage;
}

export function helpGuide(dir: string): HelpGuide {
  const found = readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
  const names = [...ORDER.filter((n) => found.includes(n)), ...found.filter((n) => !ORDER.includes(n)).sort()];
  const known = new Set(names);
  const rendered = new Map<string, HelpPage>();
  const render = (name: string, locale: Locale): HelpPage => {
    const vi = path.join(dir, 'vi', `${name}.md`);
    const lang: Locale = locale === 'vi' && existsSync(vi) ? 'vi' : 'en';
    return { name, lang, ...renderMarkdown(readFileSync(lang === 'vi' ? vi : path.join(dir, `${name}.md`), 'utf8'), known) };
  };
  return {
    names,
    page(name, locale, keep = false) {
      if (!known.has(name)) throw new Error(`no help page ${name}`);
      const key = `${locale}/${name}`;
      const page = rendered.get(key) ?? render(name, locale);
      if (keep) rendered.set(key, page);
      return page;
    },
  };
}

/** GitHub's heading ids, so that `compare.md#exports` means the same on GitHub and in the app. */
export function slug(text: string): string {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

const EXPLICIT_ID = /\s*\{#([\w-]+)\}\s*$/;
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * Markdown → HTML for the help pages. Links between pages (`plans.md`, `compare.md#exports`) become
 * /help/plans…; links the app cannot serve (repository files: `../../README.md`, `src/…`) become their
 * text; a heading may set its id with a trailing `{#id}` (the Vietnamese pages keep the English ids).
 */
export function renderMarkdown(markdown: string, pages: ReadonlySet<string>): Omit<HelpPage, 'name' | 'lang'> {
  const ids: string[] = [];
  const links: string[] = [];
  const taken = new Map<string, number>();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(token: Tokens.Heading & { id?: string }) {
        const { tokens, depth, id: explicit } = token;
        const inner = this.parser.parseInline(tokens);
        let id = explicit ?? slug(textOf(inner));
        const seen = taken.get(id) ?? 0;
        taken.set(id, seen + 1);
        if (seen && !explicit) id = `${id}-${seen}`;
        ids.push(id);
        return `<h${depth} id="${escapeHtml(id)}">${inner}</h${depth}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        const target = appHref(href, pages);
        if (target === null) return `<span class="repo-ref">${inner}</span>`;
        links.push(target);
        return `<a href="${escapeHtml(target)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${inner}</a>`;
      },
      // Our Markdown has no HTML of its own; any that slips in is shown as text, never run.
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
      image: ({ text }: Tokens.Image) => escapeHtml(text),
    },
  });
  const tokens = marked.lexer(markdown);
  marked.walkTokens(tokens, takeExplicitId);
  const title = (tokens.find((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 1)?.text ?? '').replace(/[*_`]/g, '');
  const html = marked.parser(tokens).replace(/<table>/g, '<div class="table-scroll"><table>').replace(/<\/table>/g, '</table></div>');
  return { title, html, ids, links };
}

/** `## Xuất dữ liệu {#exports}`: the id moves from the heading's text to the token. */
function takeExplicitId(token: Token): void {
  if (token.type !== 'heading') return;
  const match = EXPLICIT_ID.exec(token.text);
  if (!match) return;
  const heading = token as Tokens.Heading & { id?: string };
  heading.id = match[1];
  heading.text = heading.text.replace(EXPLICIT_ID, '');
  const last = heading.tokens.at(-1);
  if (last && last.type === 'text') {
    (last as Tokens.Text).text = (last as Tokens.Text).text.replace(EXPLICIT_ID, '');
    (last as Tokens.Text).raw = (last as Tokens.Text).raw.replace(EXPLICIT_ID, '');
  }
}

/** Where a guide's link goes in the app, or null for a link the app cannot serve. */
export function appHref(href: string, pages: ReadonlySet<string>): string | null {
  if (/^(https?:|mailto:)/i.test(href) || href.startsWith('#')) return href;
  // `../x.md`: a Vietnamese page's link to a page written only in English, as the repository holds them.
  const page = /^(?:\.\.?\/)?([\w-]+)\.md(#[\w\p{L}\p{M}-]*)?$/u.exec(href);
  if (page) return pages.has(page[1]) ? `/help/${page[1]}${page[2] ?? ''}` : null;
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  return null;
}
