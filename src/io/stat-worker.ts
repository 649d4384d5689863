// Worker thread: stats each list of files it is sent and posts back size, mtime, ctime and inode
// for each (NaN size when the file cannot be stat-ed), packed in one transferred Float64Array.
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', (files: string[]) => {
  const packed = new Float64Array(files.length * 4);
  files.forEach((file, i) => {
    const info = statSync(file, { throwIfNoEntry: false });
    if (info) packed.set([info.size, info.mtimeMs, info.ctimeMs, info.ino], i * 4);
    else packed[i * 4] = Number.NaN;
  });
  parentPort!.postMessage(packed, [packed.buffer]);
});
