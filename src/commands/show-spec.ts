// The `show` command's options; its code loads only when it runs.
import { Command, Option } from 'commander';
import type { CommandContext } from './context.js';
import { addLoadOptions, addReadOptions, checkJsonShorthand, refuseOption } from './options.js';

/** Defines `feedtool show`. */
export function showCommand(context: CommandContext, setExit: (code: number) => void): Command {
  const command = new Command('show')
    .description('show one article in full, found by file path, id (file name) or URL')
    .argument('<ref>', 'a file path, an article id (file name without extension), one of its URLs, or - to read one article from stdin')
    .option('--dir <path>', 'where to look for an id or URL (repeatable; default: .)', (value: string, previous: string[] = []) => [...previous, value])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--json', 'same as --format json')
    .option('--raw', 'print the front matter exactly as it is in the file');
  addReadOptions(command);
  addLoadOptions(command);
  refuseOption(command, '--sort [key]', 'show has no --sort: it shows one article (list has --sort)');
  command.action(async (ref: string, flags) => {
    checkJsonShorthand(command, flags);
    const { runShow } = await import('./show.js');
    setExit(await runShow(ref, flags, context));
  });
  return command;
}
