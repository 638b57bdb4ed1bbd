// The census a push sends (push.ts), taken in a thread of its own over a read-only connection: it reads every synced
// row and works out the annual report of every year (seconds at county scale), which on the host would hold every
// other call. Backlog, counts and report are read in one snapshot, so they describe the same moment.
import { parentPort, workerData } from 'node:worker_threads';

import { openKeyed } from '../db/open';
import { reportFigures } from './sameness';
import { backlogOf, census } from './tables';

export interface CensusInput {
  file: string;
  key: Uint8Array;
  acked: number;
  now: string;
}

const w = workerData as CensusInput;
try {
  const db = openKeyed(w.file, Buffer.from(w.key), { readonly: true });
  try {
    const taken = db.transaction(() => {
      return backlogOf(db, w.acked) > 0 ? null : { counts: census(db), figures: reportFigures(db, new Date(w.now)) };
    })();
    parentPort!.postMessage({ taken });
  } finally {
    db.close();
  }
} catch (e) {
  parentPort!.postMessage({ failed: (e as Error).message });
}
