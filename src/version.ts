// feedtool's version, read once from package.json.
import { readFileSync } from 'node:fs';

let cached: string | undefined;

declare const FEEDTOOL_BUILD_ID: string | undefined;

/** The digest of the sources a bundled build was made from (scripts/build.mjs), or `unbundled` when run from sources. */
export function buildId(): string {
  return typeof FEEDTOOL_BUILD_ID === 'string' ? FEEDTOOL_BUILD_ID : 'unbundled';
}

/** What the caches are keyed by: the version and the build, so no other build's cache is ever used. */
export function cacheVersion(): string {
  return `${feedtoolVersion()}+${buildId()}`;
}

/** The version in package.json. */
export function feedtoolVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
