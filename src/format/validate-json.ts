// The `json` validate format: ESLint's JSON results, one entry per file checked.
import path from 'node:path';
import { countProblems, type FileResult } from '../core/validate.js';
import { escapeJsonControls } from './fields.js';

/** ESLint's message shape (severity 1 warning, 2 error). */
export interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  fatal?: true;
}

/** ESLint's per-file result shape. */
export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: never[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: never[];
}

/** Converts one file's result to ESLint's shape; its path becomes absolute (resolved against `cwd`), as ESLint writes it. */
export function toEslintResult(result: FileResult, cwd: string): EslintResult {
  const counts = countProblems(result.problems);
  return {
    filePath: result.stdin ? result.path : path.resolve(cwd, result.path),
    messages: result.problems.map((problem) => ({
      ruleId: problem.ruleId,
      severity: problem.severity === 'error' ? 2 : 1,
      message: problem.message,
      line: problem.line,
      column: problem.column,
      ...(problem.fatal && problem.severity === 'error' ? { fatal: true as const } : {}),
    })),
    suppressedMessages: [],
    errorCount: counts.errors,
    fatalErrorCount: counts.fatalErrors,
    warningCount: counts.warnings,
    fixableErrorCount: counts.fixableErrors,
    fixableWarningCount: counts.fixableWarnings,
    usedDeprecatedRules: [],
  };
}

/** One file's entry of the ESLint JSON array, with invisible and bidi controls (in a file name, say) as `\u` escapes. */
export function formatJsonResult(result: FileResult, cwd: string): string {
  return escapeJsonControls(JSON.stringify(toEslintResult(result, cwd)));
}

/** Formats results as ESLint JSON (an array, one entry per file, clean files with empty `messages`). */
export function formatJson(results: readonly FileResult[], cwd: string): string {
  return `[${results.map((result) => formatJsonResult(result, cwd)).join(',')}]\n`;
}
