// Builds dist/: type-checks with tsc (no output), then bundles src/ with esbuild into a few files
// side by side: the entry points cli.js, version.js, worker.js and stat-worker.js, and the chunks
// they load (one per dynamic import boundary). Node then resolves and reads a few files instead of
// about fifty on every start, which saves 15-25 ms a run. commander and js-yaml, which every run
// (or every worker) loads, are bundled too: loading them from node_modules as CommonJS took about
// 7 ms more per run. chalk and entities, loaded only when needed, stay in node_modules. The
// licences of what is bundled go to dist/THIRD-PARTY-LICENSES.txt.
// The layout is flat on purpose: code finds worker.js and package.json relative to itself
// (`new URL('./worker.js', import.meta.url)`), whichever chunk it lands in.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// A digest of everything that decides what feedtool reads and writes: the sources and the
// locked dependency versions. It goes into the caches' keys, so a cache written by another build
// (the same version number, other code) is never used.
function buildId() {
  const hash = createHash('sha256');
  const files = readdirSync('src', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    // Dirent.parentPath came in Node 20.12; `path` is its older name.
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
  for (const file of [...files, 'scripts/build.mjs', 'package.json', 'package-lock.json']) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The notice of each package bundled (name, version, licence text), from esbuild's list of inputs. */
function thirdPartyNotices(inputs) {
  const roots = new Set();
  for (const input of Object.keys(inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) roots.add(match[1]);
  }
  return [...roots].sort().map((root) => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const licence = readdirSync(root).find((name) => /^licen[sc]e/i.test(name));
    const text = licence ? readFileSync(path.join(root, licence), 'utf8').trim() : `${manifest.license} (no licence file in the package)`;
    return `${manifest.name} ${manifest.version}\n\n${text}\n`;
  }).join(`\n${'-'.repeat(72)}\n\n`);
}

// Loaded only when needed (colour; HTML entities in a value): a run that needs neither never reads them.
const LAZY_DEPENDENCIES = ['chalk', 'entities', 'entities/*'];

const dist = new URL('../dist/', import.meta.url);
rmSync(dist, { recursive: true, force: true });
const result = await build({
  define: { FEEDTOOL_BUILD_ID: JSON.stringify(buildId()) },
  entryPoints: ['src/cli.ts', 'src/version.ts', 'src/io/worker.ts', 'src/io/stat-worker.ts'],
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: LAZY_DEPENDENCIES,
  // The bundled CommonJS packages call require() for Node's own modules; ES modules have no
  // require of their own, so each file gets one. A source module must therefore not declare a
  // top-level `require` of its own (it would clash in dist/ only; the e2e tests would fail).
  banner: { js: "import{createRequire as __feedtoolCreateRequire}from'node:module';const require=__feedtoolCreateRequire(import.meta.url);" },
  metafile: true,
  // Less for Node to read and parse at every start (5-10 ms per warm run); names stay as written.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
writeFileSync(new URL('THIRD-PARTY-LICENSES.txt', dist), `Packages bundled into feedtool's dist/ and their licences.\n\n${thirdPartyNotices(result.metafile.inputs)}`);
