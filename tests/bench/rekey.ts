// What 更换数据密钥 costs on the county-scale ledger: the whole re-key (the copy under a new key in a worker thread,
// its counts, the key file, the switch and the reopen with its quick_check) against VACUUM INTO of the same ledger,
// the raw copy of the file. Budget: 2×.
import fs from 'node:fs';
import path from 'node:path';

import type { Ledger } from '../../main/core/ledger';
import { rekeyLedger } from '../../main/core/rekey';
import { tempDir } from '../e2e/host';
import { type Figure, measure } from './harness';

export async function rekeyFigure(ledger: Ledger, runs = 3): Promise<Figure> {
  const out = path.join(tempDir('bianmin-rekey-'), 'copy.sqlite');
  const figure = await measure(
    'keys.rekey: re-key of the county-scale ledger vs VACUUM INTO',
    async () => {
      const done = await rekeyLedger(ledger, 'bench');
      if (done.phase !== 'done') throw new Error(done.message ?? 'rekey failed');
    },
    // The connection is read at each run: a re-key opens a new one.
    () => ledger.db.prepare('VACUUM INTO ?').run(out),
    { runs, warm: 0, budgetRatio: 2, prepare: () => fs.rmSync(out, { force: true }) },
  );
  fs.rmSync(out, { force: true });
  return figure;
}
