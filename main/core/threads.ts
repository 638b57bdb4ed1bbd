// Work that would stall the host runs in a worker thread of its own (node:worker_threads). Under tsx (tests, bench) a
// worker runs from its .ts source beside the caller, through tsx's require hook (a worker does not inherit the
// `--import tsx` of its process); in the build from dist/main/<name>.cjs (an entry of main/build.mjs), read and run
// as a string, since a file inside Electron's app.asar cannot be a worker's script.
import fs from 'node:fs';
import path from 'node:path';
import { type TransferListItem, Worker } from 'node:worker_threads';

/**
 * The host's node_modules, where the native driver is. A worker run from a string looks for packages from the
 * working folder only; NODE_PATH in its environment adds this folder, wherever the program was started.
 */
const MODULES = path.dirname(path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json')));

/** Starts the worker `name` (a file beside `dir`, the caller's __dirname) with its data and what it takes over. */
export function startWorker(
  dir: string,
  name: string,
  workerData: unknown,
  transferList: TransferListItem[] = [],
): Worker {
  const source = __filename.endsWith('.ts')
    ? `require(${JSON.stringify(require.resolve('tsx/cjs'))});
       require(${JSON.stringify(path.join(dir, `${name}.ts`))});`
    : fs.readFileSync(path.join(__dirname, `${name}.cjs`), 'utf8');
  const env = { ...process.env, NODE_PATH: MODULES };
  return new Worker(source, { eval: true, workerData, transferList, env });
}

/** A worker's one answer: its first message, or its error; a worker that ends without one is a failure too. */
export function answerOf<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (m: T) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker ended (${code}) without an answer`)));
  });
}
