// Reads article files concurrently (bounded) and yields their results in walk order.
import { processDocument, type DocumentOptions, type DocumentResult } from '../core/document.js';
import { readFileBytes, DEFAULT_MAX_FILE_SIZE } from './read.js';
import { displayPath, walkInputs } from './walk.js';

export interface LoadOptions extends DocumentOptions {
  maxFileSize?: number;
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

function loadOne(file: string, options: LoadOptions): DocumentResult {
  const shown = displayPath(file);
  const read = readFileBytes(file, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
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

/** Walks the inputs and yields one result per file (article, not an article, or problem), in walk order. */
export async function* loadDocuments(inputs: readonly string[], options: LoadOptions = {}): AsyncGenerator<DocumentResult> {
  const paths = inputs.filter((input) => input !== '-');
  if (paths.length !== inputs.length) yield await loadStdin(options);
  if (paths.length === 0 && inputs.length > 0) return;
  for await (const entry of walkInputs(paths)) {
    yield entry.kind === 'problem' ? { kind: 'error', diagnostic: entry.diagnostic } : loadOne(entry.path, options);
  }
}
