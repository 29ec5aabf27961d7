#!/usr/bin/env node
/**
 * What installing the plugin adds to a Strapi 5 site, measured without a network: the site's and the
 * plugin's dependency closures are resolved in this repository's package-lock.json (the same node
 * resolution npm uses: nested node_modules first, then each parent), following dependencies, required
 * peers (npm ≥ 7 installs them) and the optional dependencies installed on this platform. Packages the
 * plugin needs that the site's closure does not already hold (same name and version) are "added"; their
 * size is what they take on disk here (each package's own files, nested node_modules excluded).
 *
 *   node scripts/footprint.js [plugin-package.json] [site-package.json]
 */
const fs = require('fs');
const path = require('path');
const semver = require('semver');

const ROOT = path.resolve(__dirname, '..');

/** The lockfile path `name` resolves to from the package at lockfile path `from` ('' is the root). */
function resolveIn(packages, name, from) {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

/** Every lockfile path reachable from `deps` (name → range) required by the package at `from`. */
function closure(packages, deps, from = '', root = ROOT) {
  const seen = new Set();
  const queue = Object.keys(deps).map((name) => [name, from, false]);
  while (queue.length) {
    const [name, parent, optional] = queue.shift();
    const at = resolveIn(packages, name, parent);
    if (!at) {
      if (optional) continue;
      throw new Error(`${name} (needed by ${parent || 'the root'}) is not in the lockfile`);
    }
    // Optional dependencies for other platforms are in the lockfile but not installed.
    if (optional && !fs.existsSync(path.join(root, at))) continue;
    if (seen.has(at)) continue;
    seen.add(at);
    const entry = packages[at];
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    for (const dep of Object.keys(entry.dependencies ?? {})) queue.push([dep, at, false]);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) queue.push([dep, at, true]);
    for (const dep of Object.keys(entry.peerDependencies ?? {})) queue.push([dep, at, Boolean(optionalPeers[dep]?.optional)]);
  }
  return seen;
}

/** Bytes of a package's own files (its nested node_modules belong to other packages). */
function ownSize(dir) {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) bytes += ownSize(full);
    else if (entry.isFile()) bytes += fs.statSync(full).size;
  }
  return bytes;
}

const nameOf = (lockPath) => lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);

/**
 * The packages (name@version, sorted) and bytes the plugin described by `pluginPkg` adds to the site
 * described by `sitePkg`. A dependency or peer the site already holds in a version within the wanted range
 * is shared (npm dedupes to it) and not followed; the plugin's optional peers are left out, as npm does.
 */
function footprint(pluginPkg, sitePkg, { root = ROOT, lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) } = {}) {
  const { packages } = lock;
  const siteVersions = new Map();
  for (const at of closure(packages, sitePkg.dependencies ?? {}, '', root)) {
    const name = nameOf(at);
    siteVersions.set(name, [...(siteVersions.get(name) ?? []), packages[at].version]);
  }
  const shared = (name, range) => (siteVersions.get(name) ?? []).some((v) => semver.satisfies(v, range, { includePrerelease: true }));
  const optionalPeers = pluginPkg.peerDependenciesMeta ?? {};
  const wanted = { ...(pluginPkg.dependencies ?? {}) };
  for (const [name, range] of Object.entries(pluginPkg.peerDependencies ?? {})) if (!optionalPeers[name]?.optional) wanted[name] = range;

  const added = new Map();
  const queue = Object.entries(wanted).map(([name, range]) => [name, range, '', false]);
  while (queue.length) {
    const [name, range, parent, optional] = queue.shift();
    if (shared(name, range)) continue;
    const at = resolveIn(packages, name, parent);
    if (!at || (optional && !fs.existsSync(path.join(root, at)))) {
      if (optional) continue;
      throw new Error(`${name} (needed by ${parent || 'the plugin'}) is not in the lockfile`);
    }
    const key = `${name}@${packages[at].version}`;
    if (added.has(key)) continue;
    added.set(key, at);
    const entry = packages[at];
    const optionalMeta = entry.peerDependenciesMeta ?? {};
    for (const [dep, r] of Object.entries(entry.dependencies ?? {})) queue.push([dep, r, at, false]);
    for (const [dep, r] of Object.entries(entry.optionalDependencies ?? {})) queue.push([dep, r, at, true]);
    for (const [dep, r] of Object.entries(entry.peerDependencies ?? {})) queue.push([dep, r, at, Boolean(optionalMeta[dep]?.optional)]);
  }
  const sizes = Object.fromEntries([...added].map(([key, at]) => [key, ownSize(path.join(root, at))]));
  return { packages: [...added.keys()].sort(), bytes: Object.values(sizes).reduce((a, b) => a + b, 0), sizes };
}

module.exports = { footprint, closure, resolveIn };

if (require.main === module) {
  const pluginPkg = JSON.parse(fs.readFileSync(process.argv[2] ?? path.join(ROOT, 'package.json'), 'utf8'));
  const sitePkg = JSON.parse(fs.readFileSync(process.argv[3] ?? path.join(ROOT, 'playground', 'package.json'), 'utf8'));
  const { packages, bytes, sizes } = footprint(pluginPkg, sitePkg);
  console.log(`${packages.length} packages, ${(bytes / 1024 / 1024).toFixed(2)} MiB`);
  for (const p of packages) console.log(`  ${p}  ${(sizes[p] / 1024).toFixed(0)} KiB`);
}
