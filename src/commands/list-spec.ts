// The `list` command's options; its code loads only when it runs.
import { Command, Option } from 'commander';
import { LIST_FORMATS } from '../format/formats.js';
import { SORT_KEYS } from '../core/query.js';
import type { CommandContext } from './context.js';
import { addFilterOptions, addLoadOptions, addReadOptions, checkJsonShorthand, fieldsArgument, integerArgument, refuseOption, sortArgument } from './options.js';

/** Defines `feedtool list`. */
export function listCommand(context: CommandContext, setExit: (code: number) => void): Command {
  const command = new Command('list')
    .description('list articles: filter, sort, limit; a table for people, JSON/NDJSON/CSV for scripts')
    .argument('[paths...]', 'files, directories or glob patterns; - reads one article from stdin', ['.']);
  addFilterOptions(command);
  command
    .addOption(new Option('--sort <key>', `sort by ${SORT_KEYS.join('|')}`).argParser(sortArgument).default('date'))
    .option('--reverse', 'reverse the sort order')
    .option('--limit <n>', 'show at most n articles (0: all)', integerArgument)
    .option('--now <time>', 'time a duration in --since/--until counts back from: ISO date/time, now, or a duration back from the clock (default: the clock)')
    .addOption(new Option('--format <format>', 'output format').choices([...LIST_FORMATS]).default('table'))
    .option('--json', 'same as --format json')
    .option('--fields <a,b,c>', 'fields to show (table/CSV columns, JSON projection); dotted paths allowed', fieldsArgument)
    .option('--body', 'include each article body in JSON output');
  addReadOptions(command);
  addLoadOptions(command);
  refuseOption(command, '--top [n]', 'list has no --top: it shows at most n articles with --limit <n> (rank has --top)');
  command.action(async (paths: string[], flags) => {
    checkJsonShorthand(command, flags);
    const { runList } = await import('./list.js');
    setExit(await runList(paths, flags, context));
  });
  return command;
}
