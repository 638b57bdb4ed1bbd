// Pure rules: yuan to fen, and working days across the 2026 National Day holiday and its make-up days.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { formatYuan, parseYuan } from '../../shared/domain/money';
import { addWorkingDays, isWorkingDay, workingDaysBetween, type Calendar } from '../../shared/domain/workdays';
import { Ledger } from '../../main/ledger';
import { loadCalendar } from '../../main/services/calendar';
import { tempDir } from './helpers';

test('yuan typed by a clerk becomes integer fen by rule', () => {
  const ok: [string, number][] = [['1,234.50', 123450], ['１２３', 12300], ['1234', 123400], ['0.5', 50], ['67,700', 6770000], ['¥88.08', 8808], ['１,２３４．５０', 123450]];
  for (const [raw, fen] of ok) assert.deepEqual(parseYuan(raw), { ok: true, fen }, raw);
  const bad: [string, RegExp][] = [['1234.567', /两位小数/], ['1.234,50', /小数点/], ['-5', /负数/], ['0', /大于 0/], ['0.00', /大于 0/], ['', /请填写/], ['12a', /格式不对/], ['1,23.00', /格式不对/], ['1e5', /格式不对/]];
  for (const [raw, msg] of bad) {
    const r = parseYuan(raw);
    assert.equal(r.ok, false, raw);
    if (!r.ok) assert.match(r.message, msg, raw);
  }
  assert.equal(formatYuan(6770000), '67,700.00');
  assert.equal(formatYuan(-5), '-0.05');
});

test('working days across the 2026 National Day holiday and its make-up Saturday (calendar as the ledger seeds it)', async () => {
  const ledger = await Ledger.open(path.join(tempDir(), 'ledger.sqlite'));
  const CAL: Calendar = loadCalendar(ledger.db);
  assert.equal(CAL.holidays.size, 33);
  assert.equal(CAL.workdays.size, 6);
  assert.equal(isWorkingDay('2026-10-01', CAL), false);
  assert.equal(isWorkingDay('2026-10-10', CAL), true, 'make-up Saturday');
  assert.equal(isWorkingDay('2026-09-20', CAL), true, 'make-up Sunday');
  assert.equal(isWorkingDay('2026-10-11', CAL), false, 'an ordinary Sunday');
  // Accepted Wed 2026-09-23: 24 Thu is day 1; 25–27 are holidays (Mid-Autumn); 28, 29, 30 are days 2–4;
  // 1–7 Oct are the National Day holiday; 8 and 9 are days 5 and 6; Saturday 10 Oct is a make-up day, day 7.
  assert.equal(addWorkingDays('2026-09-23', 7, CAL), '2026-10-10');
  assert.equal(addWorkingDays('2026-09-23', 8, CAL), '2026-10-12');
  assert.equal(workingDaysBetween('2026-09-23', '2026-10-12', CAL), 8);
  assert.equal(workingDaysBetween('2026-10-12', '2026-09-23', CAL), -8);
  // Without the make-up day the same case would be due a day later.
  assert.equal(addWorkingDays('2026-09-23', 7, { holidays: CAL.holidays, workdays: new Set() }), '2026-10-12');
  await ledger.close({ backup: false });
});
