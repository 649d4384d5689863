// Plain words for the YAML mistakes people make most in front matter, added to js-yaml's reasons.
// Pure: text in, text out.

/** A YAML problem as parseDocument reports it: 0-based line and column inside the YAML text. */
export interface YamlProblem {
  message: string;
  line: number;
  column: number;
}

const ITEM_PREFIX = /^[ \t]*(?:-[ \t]+)?/;
const KEY_START = /^[^\s#'"{[\]}&*!|>%@`-]/;
const VALUE_START = /^[^\s'"{[&*!|>#]/;
const COLON_SPACE = /:[ \t]/;

/**
 * `key: value with: a colon` (or a list item `- key: …`): the key and the unquoted value holding
 * `: `, comment left out; null for any other line. Read in one pass (a regex for it backtracks
 * quadratically on a long run of spaces).
 */
function colonInPlainValue(line: string): { key: string; value: string } | null {
  const from = ITEM_PREFIX.exec(line)![0].length;
  const colon = line.slice(from).search(COLON_SPACE);
  if (colon <= 0) return null;
  const key = line.slice(from, from + colon);
  if (!KEY_START.test(key) || key.includes('#')) return null;
  let value = line.slice(from + colon + 2).trimStart();
  const comment = value.search(/[ \t]#/);
  if (comment !== -1) value = value.slice(0, comment);
  value = value.trimEnd();
  return VALUE_START.test(value) && COLON_SPACE.test(value) ? { key: key.trim(), value } : null;
}
// A value opening a quote: `key: "…` or `- "…`.
const OPENS_QUOTE = /^(\s*(?:-\s+)?(?:[^\s#'"][^:#]*?:[ \t]+)?)(["'])(.*)$/;
const SHOWN = 60;

/**
 * js-yaml's reason for a failure, with what most likely caused it when the text shows it: a `: `
 * inside an unquoted value (`title: AI: the next step`), or a quoted value never closed on its
 * line (placed at its opening quote, where js-yaml reports the line after). Otherwise as it was.
 */
export function explainYamlProblem(text: string, problem: YamlProblem): YamlProblem {
  const lines = text.split('\n', problem.line + 1);
  if (/^bad indentation of a mapping entry/.test(problem.message)) {
    const found = colonInPlainValue((lines[problem.line] ?? '').replace(/\r$/, ''));
    if (found) {
      const example = `${found.key}: "${found.value.replace(/["\\]/g, '\\$&')}"`;
      const shown = example.length > SHOWN ? `${example.slice(0, SHOWN - 1)}…` : example;
      return { ...problem, message: `${problem.message}: a ': ' inside an unquoted value starts another key; put the value in quotes (${shown})` };
    }
  }
  if (/^(?:deficient indentation|unexpected end of the stream within a (?:double|single) quoted scalar|end of the stream or a document separator is expected)/.test(problem.message)) {
    // Back from where js-yaml stopped, over the lines it read as the quoted value's (no quote on them).
    for (let line = Math.min(problem.line, lines.length - 1); line >= 0 && line >= problem.line - 50; line--) {
      const text = lines[line]!.replace(/\r$/, '');
      const opened = unclosedQuote(text);
      if (opened === null) {
        if (/["']/.test(text)) break;
        continue;
      }
      return {
        message: `a ${opened.quote === '"' ? 'double' : 'single'}-quoted value is not closed on its line: close the quote, or quote a value that spans lines with every line after the first indented (js-yaml: ${problem.message})`,
        line,
        column: opened.column,
      };
    }
  }
  return problem;
}

// Where a line opens a quoted value it does not close, or null.
function unclosedQuote(line: string): { quote: string; column: number } | null {
  const found = OPENS_QUOTE.exec(line);
  if (!found) return null;
  const quote = found[2]!;
  const rest = found[3]!;
  if (quote === '"') {
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '\\') i++;
      else if (rest[i] === '"') return null;
    }
  } else {
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] !== "'") continue;
      if (rest[i + 1] === "'") i++;
      else return null;
    }
  }
  return { quote, column: found[1]!.length };
}
