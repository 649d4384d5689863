// The command-line shell: parses argv with commander, runs one command, returns an exit code.
import { Command, CommanderError } from 'commander';
import { Interrupted } from './commands/interrupt.js';
import { refusedOptions } from './commands/options.js';
import { processContext, UsageError, type CommandContext } from './commands/process.js';
import { sanitizeForTerminal } from './core/terminal.js';
import { listCommand } from './commands/list-spec.js';
import { rankCommand } from './commands/rank-spec.js';
import { showCommand } from './commands/show-spec.js';
import { validateCommand } from './commands/validate-spec.js';
import { feedtoolVersion } from './version.js';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/**
 * Commander's error text as its message and its "(Did you mean …?)" line, found without a regex
 * over the whole text (one backtracked quadratically on an argument of 100,000 spaces).
 */
export function splitCommanderError(text: string): { message: string; hint: string | undefined } {
  let message = text.startsWith('error: ') ? text.slice('error: '.length) : text;
  let end = message.length;
  while (end > 0 && /\s/.test(message[end - 1]!)) end--;
  message = message.slice(0, end);
  const at = message.lastIndexOf('\n(Did you mean ');
  if (at !== -1 && message.endsWith(')') && !message.slice(at + 1).includes('\n')) return { message: message.slice(0, at), hint: message.slice(at) };
  return { message, hint: undefined };
}

/** Routes commander's output to the context; its errors become one `feedtool: …` line. */
function outputFor(context: CommandContext, command?: Command) {
  return {
    writeOut: (text: string) => context.stdout.write(text),
    writeErr: (text: string) => context.stderr.write(text),
    outputError: (text: string, write: (text: string) => void) => {
      // The text quotes what was typed, which may hold escape sequences; commander's own
      // "(Did you mean --limit?)" stays on a line of its own.
      let { message, hint } = splitCommanderError(text);
      // `--reverse=1`: commander calls a flag given a value unknown (and may suggest the very flag typed).
      const withValue = /^unknown option '(--[^=']+)=/.exec(message);
      const flag = withValue && command?.options.find((option) => option.long === withValue[1] && !option.required && !option.optional);
      if (withValue && (flag || withValue[1] === '--help')) {
        // An option the command refuses (rank's --reverse) says why, given a value or not.
        const refused = flag ? refusedOptions.get(flag) : undefined;
        if (refused !== undefined) {
          write(`feedtool: ${refused}\n`);
          return;
        }
        message = `option '${withValue[1]}' takes no value (${message.slice('unknown option '.length)} was given)`;
        hint = undefined;
      }
      const elsewhere = command ? otherCommandsWith(command, /^unknown option '(-[^=' ]+)(?:=|'$)/.exec(message)?.[1]) : '';
      if (elsewhere !== '') {
        write(`feedtool: ${elsewhere}\n`);
        return;
      }
      write(`feedtool: ${sanitizeForTerminal(message)}${hint ? `\n${sanitizeForTerminal(hint.slice(1))}` : ''} (see --help)\n`);
    },
  };
}

/**
 * For an option `command` lacks that another command has (`list --dedupe`): "list has no
 * --dedupe (rank has --dedupe)"; '' when no other command has it.
 */
function otherCommandsWith(command: Command, flag: string | undefined): string {
  if (flag === undefined || command.parent === null) return '';
  const others = command.parent.commands.filter(
    (other) => other !== command && other.options.some((option) => (option.long === flag || option.short === flag) && !refusedOptions.has(option)),
  );
  if (others.length === 0) return '';
  const names = others.map((other) => other.name());
  const owners = names.length === 1 ? `${names[0]} has` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} have`;
  return `${command.name()} has no ${flag} (${owners} ${flag})`;
}

/** Builds the commander program; each command sets the exit code through `setExit`. */
export function buildProgram(context: CommandContext, setExit: (code: number) => void): Command {
  const program = new Command('feedtool')
    .description('Inspect folders of news articles (Markdown with YAML front matter): list, show, validate, rank')
    .version(feedtoolVersion(), '-V, --version')
    // The program's own options (-V, --help) only before the command: `list --search -V` searches for `-V`.
    .enablePositionalOptions()
    .exitOverride();
  program.configureOutput(outputFor(context, program));
  program.addCommand(listCommand(context, setExit));
  program.addCommand(showCommand(context, setExit));
  program.addCommand(validateCommand(context, setExit));
  program.addCommand(rankCommand(context, setExit));
  for (const command of program.commands) {
    command.exitOverride().configureOutput(outputFor(context, command));
    // `list --version` answers too, without listing -V in every command's help.
    command.version(feedtoolVersion(), '-V, --version');
    command.options.find((option) => option.long === '--version')?.hideHelp();
  }
  return program;
}

let stoppedBy: NodeJS.Signals | null = null;

/**
 * The signal that stopped the last run of main between two safe points (validate --fix), if
 * any: the executable then dies of it, so a shell loop running feedtool stops too.
 */
export function interruptedBy(): NodeJS.Signals | null {
  return stoppedBy;
}

// `help list` as `list --help`, `help help` as `--help`, and `help lsit` as `lsit`, which commander
// refuses as an unknown command with a "Did you mean list?"; its own `help lsit` printed the
// whole help to stderr, without saying why.
function helpAsOption(program: Command, args: string[]): string[] {
  if (args[0] !== 'help' || args.length < 2) return args;
  const name = args[1]!;
  if (name === 'help') return ['--help'];
  const known = program.commands.some((command) => command.name() === name || command.aliases().includes(name));
  return known ? [name, '--help'] : [name];
}

/** Runs feedtool with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(args: string[], context: CommandContext = processContext()): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(context, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(helpAsOption(program, args), { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help asked for (`--help`, `help list`) and --version exit 0; help shown for a missing command, 2.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof Interrupted) {
      stoppedBy = error.signal;
      return error.exitCode;
    }
    if (error instanceof UsageError) {
      context.stderr.write(`feedtool: ${sanitizeForTerminal(error.message)}\n`);
      return EXIT_USAGE;
    }
    if ((error as NodeJS.ErrnoException)?.syscall === 'uv_cwd') {
      context.stderr.write('feedtool: the current folder no longer exists (deleted or moved away): cd to another and run again\n');
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    context.stderr.write(`feedtool: internal error: ${sanitizeForTerminal(message)}\n`);
    if (context.env.FEEDTOOL_DEBUG) context.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT_USAGE;
  }
}
