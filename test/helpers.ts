// Test helpers: run the built CLI as a subprocess, build temporary trees, find ../shared.
import zlib from 'node:zlib';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'feedtool.js');
export const FIXTURES = path.join(ROOT, 'fixtures');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const SHARED_CORPUS = path.join(SHARED, 'corpus');
/** True when every part of ../shared the tests read is there (the real corpus and the seed article). */
export const HAS_SHARED = ['everyday-ai/_news', 'everyday-ai/_archive/_news', 'everyday-ai/_data/topics', 'seed'].every((folder) => existsSync(path.join(SHARED_CORPUS, folder)));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  timeoutMs?: number;
}

/** Runs `node bin/feedtool.js ...args` and collects its output; colour off unless env says otherwise. */
export function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined, GITHUB_WORKSPACE: undefined, COLUMNS: '160' };
    for (const [key, value] of Object.entries(options.env ?? {})) env[key] = value;
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Creates a temporary directory holding `files` (path → text or bytes); returns its path. */
export function makeTree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedtool-test-'));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** Removes a temporary tree. */
export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** `describe` that skips, with a message, when ../shared is not beside the project. */
export const describeShared = HAS_SHARED ? describe : describe.skip;
if (!HAS_SHARED) {
  console.warn(`note: ${SHARED} is absent; tests over the real corpus are skipped`);
}

/** A minimal valid article with front-matter overrides (values are YAML source text). */
export function article(fields: Record<string, string> = {}, body = ''): string {
  const base: Record<string, string> = {
    title: '"A test article"',
    publishedDateTime: '2023-01-02T03:04:05Z',
    webUrl: '"https://news.example.test/a"',
    provider: '\n  name: Example\n  domain: example.test',
    topics: '\n  - AI',
    ...fields,
  };
  const lines = Object.entries(base)
    .filter(([, value]) => value !== '<omit>')
    .map(([key, value]) => `${key}:${value.startsWith('\n') ? '' : ' '}${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

/**
 * A cache file's bytes with its index checksum made right again after a test changed the index:
 * for tests of the checks behind the checksum (damage that a checksum collision would let through).
 */
export function resealCacheIndex(bytes: Buffer): Buffer {
  const indexStart = bytes.readDoubleLE(bytes.length - 8);
  const lineEnd = bytes.indexOf(10, indexStart);
  const index = JSON.parse(bytes.toString('utf8', indexStart, lineEnd)) as Record<string, unknown>;
  const sections = bytes.subarray(lineEnd + 1, bytes.length - 8);
  const line = Buffer.from(`${JSON.stringify({ ...index, checksum: zlib.crc32(sections) })}\n`);
  return Buffer.concat([bytes.subarray(0, indexStart), line, bytes.subarray(lineEnd + 1)]);
}

/**
 * The command prefix that runs a process as a user who cannot read another's files: [] when
 * not root, runuser as nobody when root (root reads anything), null when neither can be had
 * (nobody must also be able to read the built CLI, which a clone in a private folder may not be).
 */
export function otherUserPrefix(): string[] | null {
  if (process.getuid?.() !== 0) return [];
  const runuser = '/usr/sbin/runuser';
  const reads = existsSync(runuser) && spawnSync(runuser, ['-u', 'nobody', '--', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN)})`]).status === 0;
  if (reads) return [runuser, '-u', 'nobody', '--'];
  console.warn(`note: running as root, and the user nobody cannot read ${BIN} (a clone in a private folder?): the tests of files feedtool may not read are skipped`);
  return null;
}
