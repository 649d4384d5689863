// Reads article files concurrently (bounded) and yields their results in walk order.
import { processDocument, type DocumentOptions, type DocumentResult } from '../core/document.js';
import { readFileBytes, DEFAULT_MAX_FILE_SIZE } from './read.js';
import { displayPath, walkInputs } from './walk.js';

export interface LoadOptions extends DocumentOptions {
  maxFileSize?: number;
  /** How many files are read at once. */
  concurrency?: number;
  /** Standard input, read when an input is `-`. */
  stdin?: NodeJS.ReadableStream;
}

/** Reads a whole stream up to maxSize bytes; null when it is larger. */
export async function readStream(stream: NodeJS.ReadableStream, maxSize: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buffer.length;
    if (total > maxSize) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

async function loadOne(file: string, options: LoadOptions): Promise<DocumentResult> {
  const shown = displayPath(file);
  const read = await readFileBytes(file, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if (!read.ok) return { kind: 'error', diagnostic: { path: shown, line: 0, column: 0, code: read.code, message: read.message } };
  return processDocument(read.bytes, shown, options);
}

async function loadStdin(options: LoadOptions): Promise<DocumentResult> {
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const bytes = await readStream(options.stdin ?? process.stdin, maxSize);
  if (bytes === null) {
    return { kind: 'error', diagnostic: { path: '-', line: 0, column: 0, code: 'file-too-large', message: 'standard input is over the --max-file-size limit' } };
  }
  return processDocument(bytes, '-', options);
}

/**
 * Walks the inputs and yields one result per file (article, not an article, or problem), in
 * walk order, with at most `concurrency` files open at once.
 */
export async function* loadDocuments(inputs: readonly string[], options: LoadOptions = {}): AsyncGenerator<DocumentResult> {
  const limit = Math.max(1, options.concurrency ?? 32);
  const pending: Promise<DocumentResult>[] = [];
  const paths = inputs.filter((input) => input !== '-');
  if (paths.length !== inputs.length) pending.push(loadStdin(options));
  if (paths.length > 0 || inputs.length === 0) {
    for await (const entry of walkInputs(paths)) {
      if (entry.kind === 'problem') {
        pending.push(Promise.resolve({ kind: 'error', diagnostic: entry.diagnostic }));
      } else {
        pending.push(loadOne(entry.path, options));
      }
      while (pending.length >= limit) yield await pending.shift()!;
    }
  }
  while (pending.length > 0) yield await pending.shift()!;
}
