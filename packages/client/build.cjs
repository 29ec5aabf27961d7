/** Builds dist/: ESM (.js) and CommonJS (.cjs) with esbuild, declarations (.d.ts) with tsc. */
const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');
const esbuild = require('esbuild');

const dir = __dirname;
fs.rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
for (const [format, ext] of [['esm', '.js'], ['cjs', '.cjs']]) {
  for (const entry of ['index', 'react']) {
    esbuild.buildSync({
      entryPoints: [path.join(dir, 'src', `${entry}.ts`)],
      outfile: path.join(dir, 'dist', entry + ext),
      bundle: true,
      format,
      platform: 'neutral',
      target: 'es2019',
      // The react entry imports the client's types only; react itself stays the site's.
      external: ['react'],
      logLevel: 'warning',
    });
  }
}
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.json')], { stdio: 'inherit' });
// The snippet entry is built into the plugin (scripts/generate-snippet.js), not exported by the package.
fs.rmSync(path.join(dir, 'dist', 'snippet.d.ts'), { force: true });
