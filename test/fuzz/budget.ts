// How much the fuzz suites run: one fixed seed so CI is repeatable, and run counts sized so all of
// test/fuzz takes a few seconds. FUZZ_SEED=<n> replays another seed; FUZZ_SCALE=<k> runs k times more.
const scale = Math.max(0.01, Number(process.env.FUZZ_SCALE ?? 1) || 1);

/** The seed every property in test/fuzz uses (fast-check prints it with any counterexample). */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_061_106) | 0;

const runs = (count: number): number => Math.max(1, Math.round(count * scale));

/** Runs per property, by name. */
export const RUNS = {
  parseStrings: runs(1500),
  parseDocuments: runs(1500),
  parseVariants: runs(500),
  processBytes: runs(1000),
  processText: runs(1000),
  bombs: runs(40),
  deep: runs(30),
  normaliseTotal: runs(1000),
  normaliseIdempotent: runs(1000),
  normaliseFixes: runs(1000),
  normaliseTextIdempotent: runs(1000),
  outputTable: runs(200),
  outputCsv: runs(500),
  outputShow: runs(200),
  outputJson: runs(500),
  outputDiagnostic: runs(500),
  repairUnchanged: runs(1000),
  repairDamaged: runs(1000),
  fixDocuments: runs(1000),
} as const;
