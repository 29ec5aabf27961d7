import fs from 'fs';
import path from 'path';

/**
 * The documentation points only at what the repository holds: every relative link in README.md,
 * CONTRIBUTING.md, bench/README.md, bench/history.md and docs/*.md resolves to a file, every #anchor to a heading of the
 * Markdown file it names (GitHub's heading ids), and every repository path written in code style
 * (`server/src/…/x.ts`) names a file that exists.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'bench/README.md',
  'bench/history.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks (links in code are examples, not links). */
const prose = (markdown: string) => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** GitHub's id for a heading: its text without markup, lower case, punctuation dropped, spaces as dashes. */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__|\*|_)(?=\S)([\s\S]*?\S)\1/g, '$2');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The ids of a Markdown file's headings, duplicates numbered as GitHub numbers them. */
function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const ids = new Set<string>();
  for (const match of prose(fs.readFileSync(file, 'utf8')).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(match[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

/** Link targets of a Markdown text: inline links and images, outside code. */
function linksOf(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, 'code');
  return [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

/** Repository paths in code style that name a file (`server/src/x.ts`), without placeholders. */
function repoPathsOf(markdown: string): string[] {
  const roots = /^(server|admin|shared|tests|bench|scripts|playground|docs)\//;
  return [...markdown.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1].replace(/[),.;:]+$/, ''))
    .filter((p) => roots.test(p) && /\.(ts|tsx|js|mjs|json|md|png|tgz)$/.test(p) && !/[<>*…{}]/.test(p))
    .filter((p) => !/(^|\/)(\.tmp|screenshots|dist|node_modules)\//.test(p));
}

describe('documentation links', () => {
  it.each(DOCS)('%s: every relative link resolves to a file, and every anchor to a heading', (doc) => {
    const file = path.join(ROOT, doc);
    const broken: string[] = [];
    for (const target of linksOf(fs.readFileSync(file, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
      const [rawPath, anchor] = target.split('#', 2);
      const linked = rawPath ? path.resolve(path.dirname(file), decodeURIComponent(rawPath)) : file;
      if (!linked.startsWith(ROOT) || !fs.existsSync(linked)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (anchor !== undefined && linked.endsWith('.md') && !anchorsOf(linked).has(anchor)) {
        broken.push(`${target}: no heading with this id in ${path.relative(ROOT, linked)}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(DOCS)('%s: every repository file it names in code style exists', (doc) => {
    const missing = repoPathsOf(fs.readFileSync(path.join(ROOT, doc), 'utf8')).filter((p) => !fs.existsSync(path.join(ROOT, p)));
    expect(missing).toEqual([]);
  });

  it('computes heading ids as GitHub does', () => {
    expect(slug('`GET /journey-map/settings`')).toBe('get-journey-mapsettings');
    expect(slug("Entry states: the plugin's copy of each entry")).toBe('entry-states-the-plugins-copy-of-each-entry');
    expect(slug('2. Add the snippet to your site')).toBe('2-add-the-snippet-to-your-site');
    expect(slug('Admin data layer: RTK Query')).toBe('admin-data-layer-rtk-query');
  });
});
