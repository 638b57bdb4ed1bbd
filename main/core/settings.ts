// Center settings (name, address, hotline, office hours, auto-lock), printed on cards, receipts and reports.
import { type CenterSettings, DEFAULT_CENTER } from '../../shared/schemas/settings';
import { type DB, prep } from '../db/open';
import type { Ctx, Handlers } from './dispatch';

export function getSetting<T extends object>(db: DB, key: string, fallback: T): T {
  const row = prep(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? { ...fallback, ...(JSON.parse(row.value) as Partial<T>) } : fallback;
}

export function putSetting(db: DB, key: string, value: object): void {
  prep(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}

/** The center's settings written and audited (`actor`: a first start's new admin), its name into the key file too. */
export function saveCenter(ctx: Ctx, center: CenterSettings, actor?: number): CenterSettings {
  const before = getSetting<CenterSettings>(ctx.db, 'center', DEFAULT_CENTER);
  putSetting(ctx.db, 'center', center);
  ctx.audit('settings', 'center', before, center, actor);
  // The sign-in screen shows the center's name from the key file: it is read before the ledger opens.
  ctx.ledger.keys.describe(center.name);
  return center;
}

export const settingsHandlers = {
  'settings.get': (ctx) => getSetting<CenterSettings>(ctx.db, 'center', DEFAULT_CENTER),
  'settings.save': (ctx, input) => saveCenter(ctx, input),
} satisfies Partial<Handlers>;
