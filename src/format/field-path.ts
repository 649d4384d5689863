// The steps of a --fields path. Light: imports nothing, so option parsing can use it.

const stepsOf = new Map<string, readonly string[]>();

/**
 * Splits a dotted path into its steps: `\.` is a dot inside a step, `\,` a comma and `\\` a
 * backslash (`extra.utm\.source` is the key `utm.source` of `extra`). Paths come from
 * fieldsArgument, which refuses any other escape and empty steps.
 */
export function fieldSteps(dotted: string): readonly string[] {
  let steps = stepsOf.get(dotted);
  if (steps) return steps;
  if (!dotted.includes('\\')) steps = dotted.split('.');
  else {
    const found: string[] = [];
    let step = '';
    for (let i = 0; i < dotted.length; i++) {
      const char = dotted[i]!;
      if (char === '\\' && i + 1 < dotted.length) step += dotted[++i];
      else if (char === '.') {
        found.push(step);
        step = '';
      } else step += char;
    }
    found.push(step);
    steps = found;
  }
  if (stepsOf.size < 1000) stepsOf.set(dotted, steps);
  return steps;
}

/**
 * How `--fields` names a key of the file's own under `extra`: `extra.first name`, and for a dotted
 * name also the one key holding its dots (`extra.first\\.name` for `"first.name": Bob`).
 */
export function extraFieldNames(field: string): string {
  const steps = fieldSteps(field);
  if (steps.length < 2) return `extra.${field}`;
  const oneKey = steps.map((step) => step.replace(/[\\.,]/g, '\\$&')).join('\\.');
  return `extra.${field} (or extra.${oneKey} for one key named ${JSON.stringify(steps.join('.'))})`;
}
