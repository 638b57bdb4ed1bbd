// What encryption costs: the same raw SQL on an encrypted copy of the county-scale ledger and on a plain copy of it
// (decrypted with PRAGMA rekey for this measure only). The app's figures above all run on the encrypted ledger.
import path from 'node:path';

import Database from 'better-sqlite3-multiple-ciphers';

import type { Ledger } from '../../main/core/ledger';
import { openKeyed } from '../../main/db/open';
import { tempDir } from '../e2e/host';
import { type Figure, measure } from './harness';

const QUERIES = {
  // A scan of every payment of the year, the shape of the annual totals.
  'encryption: scan of the year’s payments (raw SQL), encrypted vs plain': `SELECT kind_code, count(*), sum(signed_fen)
    FROM payments
    WHERE paid_on BETWEEN '2026-01-01' AND '2026-12-31'
    GROUP BY kind_code`,
  // An index walk and a page of rows, the shape of a grid's first page.
  'encryption: first page of households by pinyin (raw SQL), encrypted vs plain': `SELECT h.id, h.head_name, h.address
    FROM households h
    ORDER BY h.head_pinyin, h.id
    LIMIT 100`,
};

export async function cipherFigures(ledger: Ledger): Promise<Figure[]> {
  const dir = tempDir('bianmin-cipher-');
  const encrypted = path.join(dir, 'encrypted.sqlite');
  const plain = path.join(dir, 'plain.sqlite');
  ledger.db.prepare('VACUUM INTO ?').run(encrypted);
  ledger.db.prepare('VACUUM INTO ?').run(plain);
  const p = openKeyed(plain, ledger.keys.key);
  p.pragma('journal_mode = DELETE');
  p.pragma(`rekey = ''`);
  p.close();
  const enc = openKeyed(encrypted, ledger.keys.key, { readonly: true });
  const clear = new Database(plain, { readonly: true });
  const figures: Figure[] = [];
  for (const [figure, sql] of Object.entries(QUERIES)) {
    const a = enc.prepare(sql);
    const b = clear.prepare(sql);
    figures.push(
      await measure(
        figure,
        () => a.all(),
        () => b.all(),
        { runs: 50, budgetRatio: 2 },
      ),
    );
  }
  enc.close();
  clear.close();
  return figures;
}
