// The `validate` command's options; its code loads only when it runs.
import { Command, Option } from 'commander';
import { VALIDATE_FORMATS } from '../format/validate-formats.js';
import type { CommandContext } from './context.js';
import { addJobsOption, addReadOptions, cacheLocationArgument, maxWarningsArgument, refuseOption } from './options.js';

/** Commander collector for repeatable `--rule id=level` options. */
function collectRule(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Defines `feedtool validate`. */
export function validateCommand(context: CommandContext, setExit: (code: number) => void): Command {
  const command = new Command('validate')
    .description('check article files and report every problem with its line and column (exit 1 when errors are found)')
    .argument('[paths...]', 'files, directories or glob patterns; - reads one document from stdin', ['.'])
    .addOption(new Option('--format <format>', 'output format (default: github when GITHUB_ACTIONS=true, else stylish)').choices([...VALIDATE_FORMATS]))
    .option('--quiet', 'report errors only (warnings still count for --max-warnings)')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings (-1: no limit, as ESLint reads it)', maxWarningsArgument)
    .option('--rule <id=off|warn|error>', 'change a rule\'s severity or turn it off (repeatable)', collectRule)
    .option('--no-cross-file', 'skip the rules that compare files (duplicate-url, duplicate-id, id-case-conflict)')
    .option('--fix', 'rewrite the text fields the fixable rules flag with their repaired values, in place (atomically), and report what is left')
    .option('--fix-dry-run', 'show what --fix would change, and report what would be left, without writing anything');
  addReadOptions(command, 'print the taxonomy used, the counts of files, errors and warnings (and cache use), and what --fix does, on stderr');
  addJobsOption(command)
    .option('--cache', 'reuse the results of unchanged files from the cache (FEEDTOOL_CACHE=1 turns it on by default)')
    .option('--no-cache', 'do not read or write the cache')
    .option('--cache-location <file>', 'cache file (implies --cache; validate keeps its results in <file>.validate)', cacheLocationArgument);
  refuseOption(command, '--json', 'validate has no --json: it writes JSON with --format json (also sarif, github, unix)');
  refuseOption(command, '--sort [key]', 'validate has no --sort: it reports file by file, each file\'s problems by line and column (list has --sort)');
  command.action(async (paths: string[], flags) => {
    const { runValidate } = await import('./validate.js');
    setExit(await runValidate(paths, flags, context));
  });
  return command;
}
