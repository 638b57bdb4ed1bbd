// 县级上报 at county scale, on a real PostgreSQL started for the bench (tests/unit/postgres.ts):
// - the first push of the county-scale ledger (a million payments and its registry), against reading the same rows
//   and loading them with PostgreSQL's COPY into tables of the same columns;
// - one township's other sections over its copy (county/sections.ts), against the same function over the ledger;
// - a day's push (500 changed rows), against COPY of those rows;
// - the county report (the county's year and the township comparison) over 10 townships × 100,000 payments of the
//   year, against one GROUP BY over the payments themselves.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import type { Ledger } from '../../main/core/ledger';
import { countyPayments, townshipComparison } from '../../main/county/figures';
import { enrol, push } from '../../main/county/push';
import { countySections } from '../../main/county/sections';
import { applyChunk, connectionOf, countyColumns, enrolTownship, migrateCounty } from '../../main/county/store';
import type { DB } from '../../main/db/open';
import { SYNCED } from '../../main/db/synced';
import { reportSections } from '../../main/reports/reports';
import { dateCn } from '../../shared/domain/time';
import { startPostgres } from '../unit/postgres';
import { type Figure, measure } from './harness';

const cell = (v: unknown) =>
  v === null || v === undefined
    ? '\\N'
    : String(v).replace(/[\\\t\n\r]/g, (c) => `\\${'\\tnr'['\\\t\n\r'.indexOf(c)]}`);

/** The baseline: the synced rows named by `where` read from SQLite and loaded by COPY into bench_copy's tables. */
async function copyRows(db: DB, client: pg.ClientBase, where: Record<string, string>): Promise<number> {
  let rows = 0;
  for (const s of SYNCED) {
    if (!where[s.table]) continue;
    const it = db
      .prepare(`SELECT ${s.columns.join(', ')} FROM ${s.table} WHERE ${where[s.table]}`)
      .raw()
      .iterate();
    const lines = (function* () {
      for (const r of it as Iterable<unknown[]>) {
        rows++;
        yield `bench\t${r.map(cell).join('\t')}\n`;
      }
    })();
    await pipeline(
      Readable.from(lines),
      client.query(copyFrom(`COPY bench_copy.${s.table} (ledger_id, ${s.columns.join(', ')}) FROM STDIN`)),
    );
  }
  return rows;
}

export async function countyFigures(ledger: Ledger): Promise<Figure[]> {
  const pgs = await startPostgres();
  const admin = await pgs.admin();
  try {
    await migrateCounty(admin);
    // The baseline's tables: the county's columns and keys, no trigger, the ledger id as plain text.
    const copyTables = async (keys: boolean) => {
      await admin.query('DROP SCHEMA IF EXISTS bench_copy CASCADE; CREATE SCHEMA bench_copy');
      for (const s of SYNCED)
        await admin.query(
          `CREATE TABLE bench_copy.${s.table} (LIKE county.${s.table}${keys ? ' INCLUDING INDEXES' : ''});
            ALTER TABLE bench_copy.${s.table} ALTER COLUMN ledger_id TYPE text`,
        );
    };
    await copyTables(true);
    const e = await enrolTownship(admin, '基准县民政局', pgs.url, { code: '330122100000', name: '基准镇' });
    enrol(ledger.db, e, ledger.clock());
    const lines = (ledger.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    const figures: Figure[] = [];
    const all = Object.fromEntries(SYNCED.map((s) => [s.table, 'true']));
    const say = (f: Figure) => (
      console.log(`${f.figure}: p50 ${f.p50_ms} ms, p95 ${f.p95_ms} ms, baseline ${f.baseline_ms} ms`),
      f
    );
    figures.push(
      await measure(
        'county: first push of the county-scale ledger (vs reading it and COPY)',
        async () => {
          const r = await push(ledger);
          if (r.backlog !== 0) throw new Error('the first push left a backlog');
        },
        () => copyRows(ledger.db, admin, all),
        { runs: 1, warm: 0, budgetRatio: 1.5, budgetP95Ms: 60_000 },
      ),
    );
    say(figures[0]);
    console.log(`county: the first push sent ${lines.toLocaleString()} outbox lines`);
    // The report's other sections of that township, as the county's screens and check page compute them: the same
    // function over a scratch copy filled from PostgreSQL, against that function over the ledger itself.
    const today = dateCn(ledger.clock());
    const year = Number(today.slice(0, 4));
    // Computed anew each time (the cache emptied before each run), as after a push: the copy moved to a scratch SQLite.
    const uncached = () => admin.query('DELETE FROM county.section_cache');
    figures.push(
      say(
        await measure(
          'county: one township’s other sections over its copy (vs the same function over the ledger)',
          () => countySections(admin, ledger.id, year, today),
          () => reportSections(ledger.db, year, today),
          { runs: 10, warm: 1, budgetRatio: 20, budgetP95Ms: 3000, prepare: uncached },
        ),
      ),
    );
    // Opened again while the county stands at the same line (a second clerk, the print, the .docx): the sections it
    // computed for that line (county.section_cache).
    figures.push(
      say(
        await measure(
          'county: one township’s sections opened again at the same line (vs the same function over the ledger)',
          () => countySections(admin, ledger.id, year, today),
          () => reportSections(ledger.db, year, today),
          { runs: 30, warm: 2, budgetRatio: 2 },
        ),
      ),
    );

    // A day at the counter: 400 households and 100 persons changed since the last push. The same rows are copied
    // again and again, so the baseline's tables lose their keys here.
    await copyTables(false);
    let day = 0;
    let changed: { households: number[]; persons: number[] } = { households: [], persons: [] };
    const maxH = (ledger.db.prepare('SELECT max(id) AS n FROM households').get() as { n: number }).n;
    const maxP = (ledger.db.prepare('SELECT max(id) AS n FROM persons').get() as { n: number }).n;
    const pick = (max: number, count: number, salt: number) =>
      Array.from({ length: count }, (_, i) => 1 + ((i * 7919 + salt * 104729) % max));
    figures.push(
      await measure(
        'county: a day’s push, 500 changed rows (vs COPY of those rows)',
        async () => {
          const r = await push(ledger);
          if (r.chunks !== 1) throw new Error(`a day's push sent ${r.chunks} chunks`);
        },
        () =>
          copyRows(ledger.db, admin, {
            households: `id IN (${changed.households.join(',')})`,
            persons: `id IN (${changed.persons.join(',')})`,
          }),
        {
          runs: 20,
          warm: 2,
          budgetRatio: 25,
          budgetP95Ms: 1000,
          // Before each push and each COPY: a new day's changes only once the last push has taken the previous ones.
          prepare: () => {
            if ((ledger.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n > 0) return;
            day++;
            changed = { households: pick(maxH, 400, day), persons: pick(maxP, 100, day) };
            ledger.db.transaction(() => {
              const h = ledger.db.prepare(`UPDATE households SET notes = ? WHERE id = ?`);
              for (const id of changed.households) h.run(`第${day}天走访`, id);
              const p = ledger.db.prepare(`UPDATE persons SET phone = ? WHERE id = ?`);
              for (const id of changed.persons) p.run(`139${String(day).padStart(8, '0')}`, id);
            })();
          },
        },
      ),
    );
    say(figures.at(-1)!);
    figures.push(say(await reportFigure(pgs.url)));
    return figures;
  } finally {
    await admin.end();
    await pgs.stop();
  }
}

/** 10 townships × 100,000 payments of the year, pushed chunk by chunk into a county database of their own. */
async function reportFigure(url: string): Promise<Figure> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('CREATE DATABASE county_report');
  // The server admits townships to the county's own database only (county/server.ts hbaOf): this one is the bench's.
  const { rows } = await admin.query<{ hba_file: string }>('SHOW hba_file');
  fs.appendFileSync(rows[0].hba_file, 'host county_report +county_township 127.0.0.1/32 scram-sha-256\n');
  await admin.query('SELECT pg_reload_conf()');
  await admin.end();
  const at = new URL(url);
  at.pathname = '/county_report';
  const county = new pg.Client({ connectionString: at.toString() });
  await county.connect();
  try {
    await migrateCounty(county);
    const t = Date.now();
    const kinds = ['disability_living_subsidy', 'disability_care_subsidy', 'elderly_allowance', 'temporary_relief'];
    for (let l = 0; l < 10; l++) {
      const e = await enrolTownship(county, '基准县民政局', at.toString(), {
        // Roles are the server's, not the database's: codes apart from the first figure's township.
        code: `3301222${String(l).padStart(2, '0')}000`,
        name: `第${l + 1}镇`,
      });
      const as = new pg.Client(connectionOf(e.url, e.key));
      await as.connect();
      const types = await countyColumns(as);
      const ledgerId = randomUUID();
      // 8,500 persons of 5,000 households paid monthly, one reversal in two hundred payments.
      for (let from = 0; from < 100_000; from += 5000) {
        const rows = Array.from({ length: 5000 }, (_, k) => {
          const i = from + k + 1;
          const person = 1 + (i % 8500);
          const month = 1 + (Math.floor(i / 8500) % 12);
          return {
            id: i,
            household_id: 1 + (person % 5000),
            person_id: person,
            area_id: 1 + (person % 20),
            kind_code: kinds[person % 4],
            top_kind: kinds[person % 4],
            amount_fen: 30_000 + (i % 50) * 100,
            paid_on: `2026-${String(month).padStart(2, '0')}-15`,
            method: 'bank',
            account: '6228480000000000000',
            reverses_id: i % 200 === 0 ? i - 1 : null,
          };
        });
        await applyChunk(as, types, {
          ledgerId,
          from,
          to: from + 5000,
          tables: [{ table: 'payments', rows, deleted: [] }],
        });
      }
      await as.end();
    }
    await county.query('ANALYZE');
    console.log(`county: 10 townships × 100,000 payments pushed in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return await measure(
      'county: the county report, 10 townships × 100,000 payments (vs one GROUP BY over them)',
      async () => {
        await countyPayments(county, null, 2026);
        await townshipComparison(county, 2026);
      },
      () =>
        county.query(
          `SELECT ledger_id, top_kind, count(*), sum(amount_fen)
            FROM county.payments
            WHERE paid_on >= '2026-01-01'
              AND paid_on < '2027-01-01'
            GROUP BY 1, 2`,
        ),
      { runs: 30, warm: 3, budgetRatio: 2, budgetP95Ms: 500 },
    );
  } finally {
    await county.end();
  }
}
