// Center settings (name, address, hotline, office hours, auto-lock), printed on cards, receipts and reports.
import { type CenterSettings, DEFAULT_CENTER } from '../../shared/schemas/settings';
import { type DB, prep } from '../db/open';
import type { Handlers } from './dispatch';

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

export const settingsHandlers = {
  'settings.get': (ctx) => getSetting<CenterSettings>(ctx.db, 'center', DEFAULT_CENTER),
  'settings.save': (ctx, input) => {
    const before = getSetting<CenterSettings>(ctx.db, 'center', DEFAULT_CENTER);
    putSetting(ctx.db, 'center', input);
    ctx.audit('settings', 'center', before, input);
    // The sign-in screen shows the center's name from the key file: it is read before the ledger opens.
    ctx.ledger.keys.describe(input.name);
    return input;
  },
} satisfies Partial<Handlers>;
