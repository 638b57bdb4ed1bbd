// A plain ledger as the version before encryption made it: its migrations (up to 0012) on an unencrypted file, its
// staff with their password hashes in the staff table, households, and the last writes still in its WAL (as a
// kill of that version left them).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3-multiple-ciphers';

import { applyMigrations, loadMigrations } from '../../main/db/migrate';
import { CURRENT_PARAMS, derive } from '../../main/db/password';
import { idNumberFor } from '../../main/demo/fictional';
import { tempDir } from './helpers';

export const LAST_PLAIN_VERSION = 12;
export const PLAIN_PASSWORDS = { admin: 'admin-pass-1', li: 'staff-pass-1' };
export const PLANTED_NAME = '欧阳明文';

export function makePlainLedger(file: string, households = 2000): { households: number } {
  const src = path.join(tempDir(), 'ledger.sqlite');
  const db = new Database(src);
  db.pragma('journal_mode = WAL');
  applyMigrations(
    db,
    loadMigrations().filter((m) => m.version <= LAST_PLAIN_VERSION),
  );
  const at = '2026-01-05T09:00:00.000+08:00';
  db.transaction(() => {
    for (const [username, password] of Object.entries(PLAIN_PASSWORDS)) {
      const salt = crypto.randomBytes(16);
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO staff (username, display_name, password_hash, password_salt, password_params, created_at)
            VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(username, username, derive(password, salt, CURRENT_PARAMS), salt, JSON.stringify(CURRENT_PARAMS), at);
      db.prepare('INSERT INTO staff_roles (staff_id, role) VALUES (?, ?)').run(
        lastInsertRowid,
        username === 'admin' ? 'admin' : 'clerk',
      );
    }
    db.prepare(`INSERT INTO settings (key, value) VALUES ('ledgerId', ?)`).run(JSON.stringify(crypto.randomUUID()));
    db.prepare(`INSERT INTO settings (key, value) VALUES ('center', ?)`).run(
      JSON.stringify({ name: '东山镇便民服务中心' }),
    );
    db.prepare(`INSERT INTO areas (name) VALUES ('东山村')`).run();
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const house = db.prepare(
    `INSERT INTO households (area_id, head_name, head_pinyin, account, created_at, updated_at)
      VALUES (1, ?, 'x', '6217001234567890123', ?, ?)`,
  );
  const person = db.prepare(
    `INSERT INTO persons (household_id, name, name_initials, id_number, id_reversed, gender, birth_date, relation,
        phone, created_at, updated_at)
      VALUES (?, ?, 'x', ?, ?, 'male', ?, '户主', '13912345678', ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < households; i++) {
      const name = i === households - 1 ? PLANTED_NAME : `户主${i}`;
      const [month, day] = [Math.floor(i / 28) % 12, i % 28].map((x) => String(x + 1).padStart(2, '0'));
      const birth = `1960-${month}-${day}`;
      const id = idNumberFor(birth, Math.floor(i / 336) + 1, false);
      const h = Number(house.run(name, at, at).lastInsertRowid);
      person.run(h, name, id, [...id].reverse().join(''), birth, at, at);
    }
  })();
  // Copied while the connection is open: the households are still in the WAL, as a killed old version leaves them.
  fs.copyFileSync(src, file);
  fs.copyFileSync(src + '-wal', file + '-wal');
  db.close();
  return { households };
}
