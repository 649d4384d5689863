// Finds and reads a topic taxonomy (`_data/topics/*.yaml`) from disk.
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeBytes } from '../core/decode.js';
import { Taxonomy, topicFromData, type Topic } from '../core/taxonomy.js';
import { resolveGivenPath } from './given-path.js';
import { isGlobPattern, literalPrefix } from './glob-text.js';
import { readFileBytes } from './read.js';

const TAXONOMY_DIR = path.join('_data', 'topics');
/** A topic file is a few lines; one larger than this is not a taxonomy (and --max-file-size does not change it). */
const MAX_TAXONOMY_FILE_SIZE = 1024 * 1024;

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/** The `_data/topics` folder in the first input's directory or its nearest ancestor, if any. */
export async function findTaxonomyDir(inputs: readonly string[], cwd = process.cwd()): Promise<string | null> {
  // The first input that exists (a mistyped first path must not lose the taxonomy of the others).
  // A path with `[` that exists is that path, as the walk reads it; else a glob starts at its literal prefix.
  const bases = inputs
    .filter((input) => input !== '-')
    .flatMap((input) => {
      const literal = resolveGivenPath(input, cwd);
      // The prefix of the glob as the walk reads it: `"$PWD/…"` made relative, escapes undone.
      return isGlobPattern(input) ? [literal, literalPrefix(resolveGivenPath(input, cwd, { glob: true }))] : [literal];
    })
    .map((base) => path.resolve(cwd, base));
  let start = bases[0] ?? path.resolve(cwd);
  for (const base of bases) {
    if (await exists(base)) {
      start = base;
      break;
    }
  }
  try {
    if (!(await stat(start)).isDirectory()) start = path.dirname(start);
  } catch {
    start = path.dirname(start);
  }
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, TAXONOMY_DIR);
    if (await isDirectory(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

// The topics a YAML document holds, and how many of its entries are not topics: a topic, a list
// of them, or a mapping without a name of its own whose `topics` is the list (one with a name is
// a topic, whatever else it holds). `notes` gets what was ignored in a topic.
function topicsFromValue(value: unknown, notes: string[]): { topics: Topic[]; skipped: number } {
  const wrapper = value !== null && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as { topics?: unknown }).topics) && !('name' in value);
  const list = Array.isArray(value)
    ? value
    : wrapper
      ? ((value as { topics: unknown[] }).topics)
      : value === null || value === undefined
        ? []
        : [value];
  const topics = list.map((entry) => topicFromData(entry, notes)).filter((topic): topic is Topic => topic !== null);
  return { topics, skipped: list.length - topics.length };
}

/**
 * Reads a taxonomy from a folder of YAML files (one topic each; hidden files, such as macOS's
 * `._ai.yaml`, are not read) or one YAML file (a topic or a list). Problems name files under
 * `shown`, the location as the user should read it.
 */
export async function loadTaxonomy(location: string, shown = location): Promise<{ taxonomy: Taxonomy; problems: string[] }> {
  const problems: string[] = [];
  const files: Array<{ file: string; shown: string }> = [];
  if (await isDirectory(location)) {
    const names = (await readdir(location)).filter((name) => /\.ya?ml$/i.test(name) && !name.startsWith('.')).sort();
    files.push(...names.map((name) => ({ file: path.join(location, name), shown: path.join(shown, name) })));
  } else {
    files.push({ file: location, shown });
  }
  const topics: Topic[] = [];
  // The YAML parser loads only when a taxonomy is read.
  const { loadYamlDocuments, shortReason, unreadTagMessage, YamlError } = await import('../core/yaml.js');
  for (const { file, shown: fileShown } of files) {
    const read = readFileBytes(file, MAX_TAXONOMY_FILE_SIZE, 'for a taxonomy file');
    if (!read.ok) {
      problems.push(`${fileShown}: ${await whyUnread(file, read.message)}`);
      continue;
    }
    const decoded = decodeBytes(read.bytes);
    if (!decoded.ok) {
      problems.push(`${fileShown}: binary file`);
      continue;
    }
    try {
      let skipped = 0;
      const notes: string[] = [];
      for (const value of loadYamlDocuments(decoded.text)) {
        const found = topicsFromValue(value, notes);
        topics.push(...found.topics);
        skipped += found.skipped;
      }
      for (const note of notes) problems.push(`${fileShown}: ${note}`);
      if (skipped > 0) problems.push(`${fileShown}: ${skipped === 1 ? 'an entry is' : `${skipped} entries are`} not a topic (a mapping with a text name): skipped`);
    } catch (error) {
      const place = error instanceof YamlError && error.code === 'parse-error' ? `:${error.line + 1}:${error.column + 1}` : '';
      const message = (error as Error).message;
      problems.push(`${fileShown}${place}: ${(place && unreadTagMessage(message)) || shortReason(message)}`);
    }
  }
  return { taxonomy: new Taxonomy(topics), problems };
}

// A read failure as a taxonomy folder's entry names it: a broken link or a folder named `*.yaml` as such.
async function whyUnread(file: string, message: string): Promise<string> {
  try {
    if ((await lstat(file)).isSymbolicLink()) {
      const code = await stat(file).then(() => null, (error: NodeJS.ErrnoException) => error.code);
      if (code === 'ELOOP') return 'symbolic link loop';
      if (code !== null) return 'broken symbolic link';
    }
    if ((await stat(file)).isDirectory()) return 'a folder, not a file';
  } catch {
    // Gone: the read's own message says so.
  }
  return message;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
