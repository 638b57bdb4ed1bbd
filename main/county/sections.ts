// The township report's other sections (registry, applications, 结对帮扶, 群众服务) over the county's copy of one
// township: the township's own code (services/reports.ts reportSections) run on a scratch SQLite in memory, filled
// with the copy's registers under the ledger's names. One definition, not two: the county's figures cannot drift
// from the township report's, and the check of sameness (figures.ts) compares the two.
import Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';

import type { ReportSections } from '../../shared/schemas/reports';
import { reportSections } from '../services/reports';
import { countyColumns } from './store';
import { SYNCED } from './tables';

// Payments are counted in PostgreSQL (figures.ts); persons hold ID numbers, and no section reads them.
const SCRATCH = SYNCED.filter((s) => s.table !== 'payments' && s.table !== 'persons');

export async function countySections(
  client: pg.ClientBase,
  ledgerId: string,
  year: number,
  today: string,
): Promise<ReportSections> {
  const types = await countyColumns(client);
  const db = new Database(':memory:');
  try {
    for (const s of SCRATCH) {
      const t = types.get(s.table)!;
      const affinity = (c: string) => (/int/.test(t.get(c) ?? '') ? 'INTEGER' : 'TEXT');
      db.exec(`CREATE TABLE ${s.table} (${s.columns.map((c) => `${c} ${affinity(c)}`).join(', ')})`);
      const copy = await client.query<Record<string, unknown>>(
        `SELECT ${s.columns.join(', ')}
          FROM county.${s.table}
          WHERE ledger_id = $1`,
        [ledgerId],
      );
      const insert = db.prepare(
        `INSERT INTO ${s.table} (${s.columns.join(', ')}) VALUES (${s.columns.map(() => '?').join(', ')})`,
      );
      db.transaction(() => copy.rows.forEach((r) => insert.run(...s.columns.map((c) => r[c]))))();
    }
    return reportSections(db, year, today);
  } finally {
    db.close();
  }
}
