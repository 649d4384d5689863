// The `rank` command's options; its code loads only when it runs.
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseDuration } from '../core/dates.js';
import { LIST_FORMATS } from '../format/formats.js';
import type { CommandContext } from './context.js';
import { addFilterOptions, addLoadOptions, addReadOptions, checkJsonShorthand, fieldsArgument, integerArgument, isDecimal, refuseOption, underflowError } from './options.js';

const WEIGHT_NAMES = ['quality', 'heat'] as const;

/**
 * Commander parser for `--weights quality=2,heat=1`; names left out keep their default of 1, or
 * what an earlier `--weights` gave them (`--weights quality=2 --weights heat=3` sets both).
 */
export function weightsArgument(value: string, previous?: { quality: number; heat: number }): { quality: number; heat: number } {
  const weights = { quality: 1, heat: 1, ...previous };
  const invalid = () => new InvalidArgumentError(`expected name=number pairs such as quality=2,heat=1 (names: ${WEIGHT_NAMES.join(', ')}; numbers 0 or more).`);
  const pairs = value.split(',').map((pair) => pair.trim());
  // An empty item is most likely an unset variable (`--weights "$A,$B"`): refused, as --fields refuses one.
  if (pairs.every((pair) => pair === '')) throw invalid();
  if (pairs.includes('')) throw new InvalidArgumentError(`an empty item in '${value}' (an unset variable?): give name=number pairs such as quality=2,heat=1.`);
  const named = new Set<string>();
  for (const pair of pairs) {
    // Decimal numbers only, as in files and --min-quality (`0x10` is not 16 here either).
    const match = /^([a-z]+)\s*=\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)$/i.exec(pair);
    const name = match?.[1]?.toLowerCase();
    const weight = Number(match?.[2]);
    if (!name || !(WEIGHT_NAMES as readonly string[]).includes(name) || !Number.isFinite(weight) || weight < 0) throw invalid();
    // Written as more than zero but too small for a double (1e-400): no weight to tell from 0.
    if (weight === 0 && /[1-9]/.test(match![2]!.replace(/e.*$/i, ''))) throw new InvalidArgumentError(`${name}=${match![2]} is too small to tell from 0: write 0, or a weight from about 5e-324.`);
    if (named.has(name)) throw new InvalidArgumentError(`${name} is given twice: give each weight once.`);
    named.add(name);
    weights[name as (typeof WEIGHT_NAMES)[number]] = weight;
  }
  return weights;
}

/** Commander parser for a positive duration (`24h`, `90m`, `1d12h`), in milliseconds. */
export function halfLifeArgument(value: string): number {
  const ms = parseDuration(value);
  if (ms === null || ms <= 0) throw new InvalidArgumentError('expected a duration above zero such as 24h, 90m, 7d or 1d12h (each unit once, at most about 285,000 years in all).');
  return ms;
}

/** Commander parser for a title similarity threshold between 0 and 1. */
export function similarityArgument(value: string): number {
  const number = Number(value);
  if (!isDecimal(value) || number < 0 || number > 1) throw new InvalidArgumentError('expected a number from 0 to 1, such as 0.85 (0 turns title matching off).');
  const underflow = underflowError(value, number);
  if (underflow) throw underflow;
  return number;
}

/** Commander parser for a number that is 0 or more (one too small to tell from 0, 1e-400, is refused as --weights refuses it). */
export function nonNegativeArgument(value: string): number {
  const number = Number(value);
  if (!isDecimal(value) || !Number.isFinite(number) || number < 0) throw new InvalidArgumentError('expected a decimal number, 0 or more (0, 0.5, 2).');
  const underflow = underflowError(value, number);
  if (underflow) throw underflow;
  return number;
}

/** Defines `feedtool rank`. */
export function rankCommand(context: CommandContext, setExit: (code: number) => void): Command {
  const command = new Command('rank')
    .description('rank articles by quality and heat decayed by age; explain scores; fold duplicate stories')
    .argument('[paths...]', 'files, directories or glob patterns; - reads one article from stdin', ['.']);
  addFilterOptions(command);
  command
    .option('--weights <name=n,...>', 'weights of the base score: quality=1,heat=1 by default', weightsArgument)
    .addOption(new Option('--half-life <duration>', 'age at which a score halves').argParser(halfLifeArgument).default(24 * 3_600_000, '24h'))
    .option('--now <time>', 'time ages are measured to: ISO date/time, now, or a duration back from now such as 2d (default: newest publishedDateTime ranked, not after the clock)')
    .addOption(new Option('--top <n>', 'show the n best (0: all)').argParser(integerArgument).default(20))
    .option('--explain', 'show the parts of each score (JSON scoreParts, table columns)')
    .option('--dedupe', 'fold articles with the same canonical URL or near-identical titles into one story')
    .option('--similarity <0..1>', 'title word-set Jaccard similarity that makes two articles one story (default 0.85; 0: URL only)', similarityArgument)
    .option('--coverage-weight <w>', "add w to a story's base per distinct provider beyond the first (default 0)", nonNegativeArgument)
    .addOption(new Option('--format <format>', 'output format').choices([...LIST_FORMATS]).default('table'))
    .option('--json', 'same as --format json')
    .option('--fields <a,b,c>', 'fields to show (table/CSV columns, JSON projection); dotted paths allowed', fieldsArgument);
  addReadOptions(command);
  addLoadOptions(command);
  refuseOption(command, '--limit [n]', 'rank has no --limit: it shows its best with --top <n> (--top 0: all)');
  refuseOption(command, '--sort [key]', "rank has no --sort: it orders by score, best first (list has --sort; rank's --weights and --half-life shape the score)");
  refuseOption(command, '--reverse', "rank has no --reverse: it orders by score, best first (list has --sort and --reverse)");
  command.action(async (paths: string[], flags) => {
    checkJsonShorthand(command, flags);
    const { runRank } = await import('./rank.js');
    setExit(await runRank(paths, flags, context));
  });
  return command;
}
