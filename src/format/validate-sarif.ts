// The `sarif` validate format: a SARIF 2.1.0 log with the rules' metadata and relative file locations.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileResult } from '../core/validate.js';
import type { RuleMeta } from '../rules/types.js';
import { escapeJsonControls } from './fields.js';
import { pathFromRoot } from './validate-github.js';

export interface SarifOptions {
  rules: readonly RuleMeta[];
  toolVersion: string;
  /** The directory relative paths are relative to. */
  cwd: string;
  /** The folder URIs are written relative to (%SRCROOT%): by default `cwd` (see pathRoot). */
  root?: string;
}

type ArtifactLocation = { uri: string; uriBaseId?: string } | { description: { text: string } };

// Standard input has no file to point at: its location is described, with no URI a viewer would
// try to open.
function artifactLocation(result: FileResult, cwd: string, root: string): ArtifactLocation {
  if (result.stdin) return { description: { text: 'standard input' } };
  const file = pathFromRoot(result.path, cwd, root);
  if (file === null) return { uri: pathToFileURL(path.resolve(cwd, result.path)).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** A SARIF log in the order it is written: the text before the results, each file's results, the text after. */
export interface SarifPieces {
  head: string;
  /** The results of one file, each after a comma when one was written before. */
  file(result: FileResult): string;
  tail(): string;
}

// Where the results go in the pretty-printed log: a one-item list `[0]` stands in for them.
const RESULTS_STAND_IN = '\n        0\n      ]';
const RESULT_INDENT = '        ';

/**
 * A SARIF 2.1.0 log as pieces to stream (a million results would not fit in one string): one
 * run, every rule listed, one result per problem; DEL, C1, line separators and bidi controls from
 * files written as \u escapes, as in every JSON output. Written out, the pieces are exactly
 * `JSON.stringify(log, null, 2)`.
 */
export function sarifPieces(options: SarifOptions): SarifPieces {
  const root = options.root ?? options.cwd;
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'feedtool',
            version: options.toolVersion,
            rules: options.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              defaultConfiguration: { level: rule.severity },
              properties: { fixable: rule.fixable },
            })),
          },
        },
        // Columns count UTF-16 code units, as JavaScript strings (and editors such as VS Code) do.
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root.endsWith(path.sep) ? root : root + path.sep).href } },
        results: [0],
      },
    ],
  };
  // `results` is the run's last key, so its stand-in is the last one in the text.
  const whole = JSON.stringify(log, null, 2);
  const at = whole.lastIndexOf(RESULTS_STAND_IN);
  const head = escapeJsonControls(whole.slice(0, at));
  const after = escapeJsonControls(whole.slice(at + RESULTS_STAND_IN.length));
  let written = 0;
  return {
    head,
    file(result) {
      if (result.problems.length === 0) return '';
      const location = artifactLocation(result, options.cwd, root);
      let text = '';
      for (const problem of result.problems) {
        const entry = {
          ruleId: problem.ruleId,
          ruleIndex: ruleIndex.get(problem.ruleId) ?? -1,
          level: problem.severity,
          message: { text: problem.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: location,
                region: { startLine: problem.line, startColumn: problem.column },
              },
            },
          ],
        };
        text += (written++ === 0 ? '\n' : ',\n') + RESULT_INDENT + JSON.stringify(entry, null, 2).replaceAll('\n', '\n' + RESULT_INDENT);
      }
      return escapeJsonControls(text);
    },
    tail: () => `${written === 0 ? ']' : '\n      ]'}${after}\n`,
  };
}

/** Formats results as one SARIF 2.1.0 log (see sarifPieces). */
export function formatSarif(results: readonly FileResult[], options: SarifOptions): string {
  const pieces = sarifPieces(options);
  let text = pieces.head;
  for (const result of results) text += pieces.file(result);
  return text + pieces.tail();
}
