// The `sarif` validate format: a SARIF 2.1.0 log with the rules' metadata and relative file locations.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileResult } from '../core/validate.js';
import type { RuleMeta } from '../rules/types.js';
import { escapeJsonControls } from './fields.js';

export interface SarifOptions {
  rules: readonly RuleMeta[];
  toolVersion: string;
  /** The directory relative paths are relative to. */
  cwd: string;
}

type ArtifactLocation = { uri: string; uriBaseId?: string } | { description: { text: string } };

// Standard input has no file to point at: its location is described, with no URI a viewer would
// try to open.
function artifactLocation(result: FileResult, cwd: string): ArtifactLocation {
  if (result.stdin) return { description: { text: 'standard input' } };
  const file = result.path;
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/**
 * Formats results as a SARIF 2.1.0 log: one run, every rule listed, one result per problem; DEL,
 * C1, line separators and bidi controls from files written as \u escapes, as in every JSON output.
 */
export function formatSarif(results: readonly FileResult[], options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.id, index]));
  const sarifResults = results.flatMap((result) => {
    const location = artifactLocation(result, options.cwd);
    return result.problems.map((problem) => ({
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
    }));
  });
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
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.cwd.endsWith(path.sep) ? options.cwd : options.cwd + path.sep).href } },
        results: sarifResults,
      },
    ],
  };
  return `${escapeJsonControls(JSON.stringify(log, null, 2))}\n`;
}
