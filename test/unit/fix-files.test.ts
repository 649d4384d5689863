// --fix on files that change under it: each file is reported as it is when it is fixed.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { validateDocument, type ValidateOptions } from '../../src/core/validate.js';
import type { FixKind } from '../../src/core/fix.js';
import { fixFiles } from '../../src/io/fix-files.js';
import { article, makeTree, removeTree } from '../helpers.js';

const trees: string[] = [];
afterEach(() => trees.splice(0).forEach(removeTree));

const validate: ValidateOptions = { now: new Date('2024-01-01T00:00:00Z'), taxonomy: null };
const kinds = new Set(RULES.filter((rule) => rule.fixable).map((rule) => rule.id as FixKind));

describe('fixFiles', () => {
  it('reports a file that vanished or became a folder since validate read it as it is now (unreadable)', async () => {
    const names = ['gone.md', 'folder.md', 'kept.md'];
    const dir = makeTree(Object.fromEntries(names.map((name) => [name, article({ title: '"A &amp; B"' })])));
    trees.push(dir);
    const files = names.map((name) => path.join(dir, name));
    const before = files.map((file, i) => validateDocument({ path: file, fileName: names[i]!, bytes: Buffer.from(article({ title: '"A &amp; B"' })) }, validate).result);
    expect(before.every((result) => result.problems.some((problem) => problem.ruleId === 'html-entity'))).toBe(true);
    rmSync(files[0]!);
    rmSync(files[1]!);
    mkdirSync(files[1]!);
    const run = await fixFiles(before, { dryRun: false, kinds, validate });
    const summary = run.results.map((result) => result.problems.map((problem) => `${problem.ruleId}: ${problem.message}`));
    expect(summary[0]).toEqual([expect.stringMatching(/^unreadable: file not found/)]);
    expect(summary[1]).toEqual([expect.stringMatching(/^unreadable: /)]);
    expect(summary[2]).toEqual([]);
    expect(run.reports.map((report) => report.notFixed ?? 'fixed')).toEqual([expect.stringMatching(/file not found/), expect.any(String), 'fixed']);
    expect(run.facts.get(files[0]!)).toBeNull();
  });
});
