// --fix when another program writes a file between feedtool's read and its rename: the report,
// the cross-file facts and so the exit code are those of the file as the other program left it.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FixKind } from '../../src/core/fix.js';
import { validateDocument, type ValidateOptions } from '../../src/core/validate.js';
import { RULES } from '../../src/rules/index.js';
import { article, makeTree, removeTree } from '../helpers.js';

// What the other program does at the moment feedtool would replace the file.
const race = vi.hoisted(() => ({ during: null as ((file: string) => void) | null }));

vi.mock('../../src/io/atomic-write.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/io/atomic-write.js')>();
  return {
    ...actual,
    replaceFileAtomically: (file: string, bytes: Uint8Array, seen: Parameters<typeof actual.replaceFileAtomically>[2]) => {
      race.during?.(file);
      return actual.replaceFileAtomically(file, bytes, seen);
    },
  };
});

const { fixFiles } = await import('../../src/io/fix-files.js');

const trees: string[] = [];
afterEach(() => {
  race.during = null;
  trees.splice(0).forEach(removeTree);
});

const validate: ValidateOptions = { now: new Date('2024-01-01T00:00:00Z'), taxonomy: null };
const kinds = new Set(RULES.filter((rule) => rule.fixable).map((rule) => rule.id as FixKind));
const BEFORE = article({ title: '"A &amp; B"' });
// The other program's text: no entity any more, but a date that is no date.
const AFTER = article({ title: '"A and B"', publishedDateTime: 'not-a-date' });

async function fixWhileEdited(edit: (file: string) => void) {
  const dir = makeTree({ 'x.md': BEFORE });
  trees.push(dir);
  const file = path.join(dir, 'x.md');
  const before = [validateDocument({ path: file, fileName: 'x.md', bytes: Buffer.from(BEFORE) }, validate).result];
  expect(before[0]!.problems.map((problem) => problem.ruleId)).toEqual(['html-entity']);
  race.during = edit;
  return { file, run: await fixFiles(before, { dryRun: false, kinds, validate }) };
}

describe('fixFiles when the file changes as it is replaced', () => {
  it('leaves the other edit in place and reports the file as that edit left it', async () => {
    const { file, run } = await fixWhileEdited((target) => writeFileSync(target, `${AFTER}\n`));
    expect(run.reports[0]!.notFixed).toBe('the file changed while it was being fixed');
    expect(run.results[0]!.problems.map((problem) => problem.ruleId)).toEqual(['invalid-date']);
    expect(run.results[0]!.problems[0]!.severity).toBe('error');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8')).toBe(`${AFTER}\n`);
  });

  it('reports a file the other program deleted as unreadable', async () => {
    const { file, run } = await fixWhileEdited((target) => rmSync(target));
    // Replacing a file that is gone fails before it is compared; either way it is reported as it is now.
    expect(run.reports[0]!.notFixed).toMatch(/; now file not found/);
    expect(run.results[0]!.problems.map((problem) => problem.ruleId)).toEqual(['unreadable']);
    expect(run.facts.get(file)).toBeNull();
  });
});
