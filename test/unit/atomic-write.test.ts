// Replacing a file atomically: all or nothing, and never over a file that changed since it was read.
import { chmodSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangedMeanwhile, replaceFileAtomically, seeFile } from '../../src/io/atomic-write.js';
import { makeTree, removeTree } from '../helpers.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = makeTree({ 'a.md': 'old text\n' });
  file = path.join(dir, 'a.md');
});
afterEach(() => removeTree(dir));

describe('replaceFileAtomically', () => {
  it('replaces the contents, keeps the permission bits, and leaves no temporary file', () => {
    chmodSync(file, 0o604);
    replaceFileAtomically(file, Buffer.from('new text\n'), seeFile(file));
    expect(readFileSync(file, 'utf8')).toBe('new text\n');
    expect(statSync(file).mode & 0o777).toBe(0o604);
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('leaves a file that changed since it was seen as it is', () => {
    const seen = seeFile(file);
    writeFileSync(file, 'edited meanwhile\n');
    const past = new Date(Date.now() + 5000);
    utimesSync(file, past, past);
    expect(() => replaceFileAtomically(file, Buffer.from('new text\n'), seen)).toThrow(ChangedMeanwhile);
    expect(readFileSync(file, 'utf8')).toBe('edited meanwhile\n');
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('fails without a trace when the file is gone', () => {
    const seen = seeFile(file);
    removeTree(file);
    expect(() => replaceFileAtomically(file, Buffer.from('x'), seen)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(readdirSync(dir)).toEqual([]);
  });
});
