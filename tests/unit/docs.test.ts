// The account cannot drift: ARCHITECTURE.md and the READMEs of main/'s folders are read and held to the contract, the
// folders that answer each channel, the ledger's and the county's tables, and the files they point at.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3-multiple-ciphers';

import { applyMigrations, loadMigrations } from '../../main/db/migrate';
import type { DB } from '../../main/db/open';
import { contract } from '../../shared/contract';
import { docDrift, type Docs, type Facts } from '../tools/docDrift';

const ROOT = path.resolve(__dirname, '..', '..');

function facts(): Facts {
  const db = new Database(':memory:');
  applyMigrations(db as unknown as DB, loadMigrations());
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  db.close();
  const countyDir = path.join(ROOT, 'main', 'county', 'migrations');
  const countyTables = fs
    .readdirSync(countyDir)
    .flatMap((f) => [...fs.readFileSync(path.join(countyDir, f), 'utf8').matchAll(/CREATE TABLE (county\.\w+)/g)])
    .map((m) => m[1]);
  const channels = Object.fromEntries(Object.entries(contract).map(([c, d]) => [c, d.mode as string]));
  return { channels, tables, countyTables };
}

function docs(): Docs {
  const readmes: Record<string, string> = {};
  for (const d of fs.readdirSync(path.join(ROOT, 'main'), { withFileTypes: true })) {
    const f = path.join(ROOT, 'main', d.name, 'README.md');
    if (d.isDirectory() && fs.existsSync(f)) readmes[d.name] = fs.readFileSync(f, 'utf8');
  }
  return { architecture: fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8'), readmes };
}

test('ARCHITECTURE.md and the folder READMEs name exactly the channels, tasks, tables and files there are', () => {
  assert.deepEqual(docDrift(ROOT, docs(), facts()), []);
});

test('each kind of drift is found', () => {
  const f = facts();
  const d = docs();
  const drift = (change: (d: Docs) => Docs) => docDrift(ROOT, change(structuredClone(d)), f).join('\n');
  const arch = (from: string | RegExp, to: string) => (x: Docs) => ({
    ...x,
    architecture: x.architecture.replace(from, to),
  });
  // A prefix left out of the screen map, one that does not exist, one mapped to a folder that does not answer it.
  assert.match(drift(arch('`cards.*`', '')), /cards exists but is not named/);
  assert.match(drift(arch('`reports.*`', '`reports.*`, `nosuch.*`')), /nosuch is named but does not exist/);
  assert.match(
    drift(arch('| `cards.*` | `cards/`', '| `cards.*` | `reports/`')),
    /cards\.\* is mapped to main\/reports\//,
  );
  assert.match(drift(arch('`households.exportFull`', '`households.exportAll`')), /households\.exportAll/);
  // A task left out of the list; a table left out, or one named that is not there; a file that moved.
  assert.match(drift(arch('`county.push`, ', '')), /task channel .*county\.push exists but is not named/);
  assert.match(drift(arch('service_cards, card_printings', 'service_cards')), /card_printings exists but is not named/);
  assert.match(
    drift(arch('visit_cadence |', 'visit_cadence, visit_plans |')),
    /visit_plans is named but does not exist/,
  );
  assert.match(drift(arch('`main/core/numbers.ts`', '`main/services/numbers.ts`')), /file main\/services\/numbers\.ts/);
  // A folder's README that lost a table it owns, or names a file it no longer holds.
  const readme = (folder: string, from: string, to: string) => (x: Docs) => ({
    ...x,
    readmes: { ...x.readmes, [folder]: x.readmes[folder].replace(from, to) },
  });
  assert.match(drift(readme('payments', '`bank_results`, ', '')), /table of main\/payments\/README\.md: bank_results/);
  assert.match(drift(readme('cards', '`cardPdf.ts`', '`cardsPdf.ts`')), /main\/cards\/README\.md: file cardsPdf\.ts/);
});
