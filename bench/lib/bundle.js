/**
 * Gzip sizes of the plugin's admin chunks in dist/admin (the ES modules the admin build bundles) and what
 * the first load of each lazy page costs: the entry's static imports, every chunk on the dynamic-import
 * path to the page, the page's own static imports, and the English translations.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const STATIC = [/\bfrom\s*["']\.\/([^"']+)["']/g, /\bimport\s*["']\.\/([^"']+)["']/g];
const DYNAMIC = /\bimport\(\s*["']\.\/([^"']+)["']\s*\)/g;
const matches = (re, text) => [...text.matchAll(re)].map((m) => m[1]);

/** Pure: chunk name → { gzip, static: [names], dynamic: [names] } from the chunks' sources. */
function chunkGraph(sources) {
  const graph = {};
  for (const [name, text] of Object.entries(sources)) {
    graph[name] = {
      gzip: zlib.gzipSync(text).length,
      static: [...new Set(STATIC.flatMap((re) => matches(re, text)))].filter((n) => n in sources),
      dynamic: [...new Set(matches(DYNAMIC, text))].filter((n) => n in sources),
    };
  }
  return graph;
}

function staticClosure(graph, start, into = new Set()) {
  if (into.has(start)) return into;
  into.add(start);
  for (const next of graph[start].static) staticClosure(graph, next, into);
  return into;
}

/** Pure: the chunks loaded to show `page`, found by a breadth-first walk from `entry`. */
function firstLoad(graph, entry, page, extra = []) {
  const parent = { [entry]: null };
  const queue = [entry];
  while (queue.length) {
    const node = queue.shift();
    for (const next of [...graph[node].static, ...graph[node].dynamic]) {
      if (!(next in parent)) {
        parent[next] = node;
        queue.push(next);
      }
    }
  }
  if (!(page in parent)) throw new Error(`${page} is not reachable from ${entry}`);
  const loaded = new Set();
  for (let node = page; node !== null; node = parent[node]) staticClosure(graph, node, loaded);
  for (const e of extra) staticClosure(graph, e, loaded);
  return { chunks: [...loaded].sort(), gzip: [...loaded].reduce((n, c) => n + graph[c].gzip, 0) };
}

function bundleReport(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.mjs'));
  if (!files.includes('index.mjs')) throw new Error(`no index.mjs in ${dir}: build the plugin first`);
  const graph = chunkGraph(Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')])));
  const translations = files.filter((f) => /^en-/.test(f));
  const entry = firstLoad(graph, 'index.mjs', 'index.mjs', translations);
  const pages = files
    .filter((f) => /Page-[^/]*\.mjs$/.test(f))
    .map((f) => ({ page: f.match(/^(.*?Page)-/)[1], chunk: f, ownGzip: graph[f].gzip, ...firstLoad(graph, 'index.mjs', f, translations) }))
    .sort((a, b) => a.page.localeCompare(b.page));
  const total = Object.values(graph).reduce((n, c) => n + c.gzip, 0);
  return { entryGzip: entry.gzip, totalGzip: total, chunks: files.length, pages };
}

module.exports = { chunkGraph, firstLoad, bundleReport };
