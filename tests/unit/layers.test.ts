import fs from 'fs';
import path from 'path';

/**
 * The layers of the server (CONTRIBUTING.md): controllers alone read the Koa context and parse input
 * with the shared contracts; services hold rules and take typed values; repositories (and the db/
 * helpers and migrations) alone hold SQL. These checks read the source, so a change that blurs a layer
 * fails here, not in review.
 */
const ROOT = path.resolve(__dirname, '..', '..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(rel) : /\.tsx?$/.test(d.name) ? [rel] : [];
  });
}

/** Source lines without comments (a comment may well say "ctx" or "parse"). */
function codeLines(file: string): Array<{ line: number; text: string }> {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  return source.split('\n').map((text, i) => ({ line: i + 1, text: text.replace(/(^|[^:'"`])\/\/.*$/, '$1') }));
}

function matches(files: string[], pattern: RegExp): string[] {
  return files.flatMap((file) => codeLines(file).filter(({ text }) => pattern.test(text)).map(({ line, text }) => `${file}:${line}: ${text.trim()}`));
}

const services = filesUnder('server/src/services');

describe('server layers', () => {
  it('services parse nothing and never see the Koa context', () => {
    expect(matches(services, /\bparse\(/)).toEqual([]);
    expect(matches(services, /\bctx\b/)).toEqual([]);
  });

  it('services take typed input, not unknown', () => {
    expect(matches(services, /[(,]\s*\w+\??\s*:\s*unknown\b/)).toEqual([]);
  });

  it('SQL lives in repositories (and db/, migrations/), not in services or controllers', () => {
    const sql = /\bdb\.connection\b|\btrx\s*\(|\bknex\b|\.(raw|whereRaw|whereIn|whereNotIn|whereNotExists|onConflict|forUpdate|forShare|groupBy|orderByRaw)\(|\.where\(/;
    expect(matches([...services, ...filesUnder('server/src/controllers')], sql)).toEqual([]);
  });

  it('controllers are the only readers of ctx among the request paths', () => {
    expect(matches(filesUnder('server/src/repositories'), /\bctx\b/)).toEqual([]);
  });
});

describe('admin', () => {
  it('fetches through the data layer (admin/src/api), never by hand in components', () => {
    const ui = [...filesUnder('admin/src/components'), ...filesUnder('admin/src/pages'), ...filesUnder('admin/src/hooks')];
    // downloads (blobs) are not cached data and may use the fetch client directly
    const fetching = matches(ui, /\buseFetchClient\(\)/).filter((hit) => !/download|export|image/i.test(hit));
    expect(fetching).toEqual([]);
  });

  it('defines no response type of its own: they come from shared/contracts', () => {
    const contracts = filesUnder('shared/contracts').flatMap((file) =>
      codeLines(file).flatMap(({ text }) => [...text.matchAll(/export (?:interface|type) (\w+)/g)].map((m) => m[1]))
    );
    const admin = filesUnder('admin/src').flatMap((file) =>
      codeLines(file).flatMap(({ line, text }) => [...text.matchAll(/^\s*(?:export )?(?:interface|type) (\w+)\b/g)].filter((m) => contracts.includes(m[1])).map((m) => `${file}:${line}: ${m[1]}`))
    );
    expect(admin).toEqual([]);
  });
});
