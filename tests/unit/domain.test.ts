// Pure rules: yuan to fen and back in capitals, months, accounts, and working days across the 2026 National Day
// holiday.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { loadCalendar } from '../../main/cases/calendar';
import { Ledger } from '../../main/core/ledger';
import { fullPinyin, initials } from '../../main/core/pinyin';
import { withoutCadreWarning } from '../../shared/domain/cards';
import { amountInWords, cleanAccount, formatYuan, parseYuan } from '../../shared/domain/money';
import { chineseCount } from '../../shared/domain/text';
import { addMonths, monthCn } from '../../shared/domain/time';
import { addWorkingDays, type Calendar, isWorkingDay, workingDaysBetween } from '../../shared/domain/workdays';
import { tempDir, testClock } from './helpers';

test('yuan typed by a clerk becomes integer fen by rule', () => {
  const ok: [string, number][] = [
    ['1,234.50', 123450],
    ['１２３', 12300],
    ['1234', 123400],
    ['0.5', 50],
    ['67,700', 6770000],
    ['¥88.08', 8808],
    ['１,２３４．５０', 123450],
  ];
  for (const [raw, fen] of ok) assert.deepEqual(parseYuan(raw), { ok: true, fen }, raw);
  const bad: [string, RegExp][] = [
    ['1234.567', /两位小数/],
    ['1.234,50', /小数点/],
    ['-5', /负数/],
    ['0', /大于 0/],
    ['0.00', /大于 0/],
    ['', /请填写/],
    ['12a', /格式不对/],
    ['1,23.00', /格式不对/],
    ['1e5', /格式不对/],
  ];
  for (const [raw, msg] of bad) {
    const r = parseYuan(raw);
    assert.equal(r.ok, false, raw);
    if (!r.ok) assert.match(r.message, msg, raw);
  }
  assert.equal(formatYuan(6770000), '67,700.00');
  assert.equal(formatYuan(-5), '-0.05');
});

test('working days across the 2026 National Day holiday and its make-up Saturday (calendar as the ledger seeds it)', async () => {
  const ledger = await Ledger.open(path.join(tempDir(), 'ledger.sqlite'), { clock: testClock });
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

test('大写金额 as bills are written: one 零 per run of zeros, 整 after 元 or 角, never after 分', () => {
  const cases: [number, string][] = [
    [6770000, '陆万柒仟柒佰元整'],
    [101000, '壹仟零壹拾元整'],
    [100000, '壹仟元整'],
    [10000000, '壹拾万元整'],
    [10001000, '壹拾万零壹拾元整'],
    [10050000, '壹拾万零伍佰元整'],
    [10000000000, '壹亿元整'],
    [10001000000, '壹亿零壹万元整'],
    [10100000000, '壹亿零壹佰万元整'],
    [1001000000, '壹仟零壹万元整'],
    [168032, '壹仟陆佰捌拾元叁角贰分'],
    [10700053, '壹拾万零柒仟元伍角叁分'], // the rules allow this 零 or none; we always write it
    [100456, '壹仟零肆元伍角陆分'],
    [1005, '壹拾元零伍分'],
    [10050, '壹佰元伍角整'],
    [5, '伍分'],
    [50, '伍角整'],
    [0, '零元整'],
    [12345678900, '壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整'],
  ];
  for (const [fen, words] of cases) assert.equal(amountInWords(fen), words, String(fen));
  assert.throws(() => amountInWords(-1));
  assert.throws(() => amountInWords(1.5));
});

test('counts in formal documents are Chinese numerals: 一式三份, 十份, 十二, 二十', () => {
  const cases: [number, string][] = [
    [0, '〇'],
    [2, '二'],
    [3, '三'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
  ];
  for (const [n, words] of cases) assert.equal(chineseCount(n), words, String(n));
  assert.equal(chineseCount(100), '100', 'beyond 99 the figure stays as it is');
});

test('cards without a cadre: three names, then how many in all', () => {
  const heads = ['甲', '乙', '丙', '丁', '戊'].map((head) => ({ head }));
  assert.match(withoutCadreWarning(heads.slice(0, 2)), /^甲、乙尚未结对帮扶干部，/);
  assert.match(withoutCadreWarning(heads), /^甲、乙、丙 等 5 户尚未结对帮扶干部，卡上将印“帮扶干部：待确定”/);
});

test('months: arithmetic across years, and 一卡通 accounts cleaned or refused', () => {
  assert.equal(addMonths('2026-11', 2), '2027-01');
  assert.equal(addMonths('2026-01', -1), '2025-12');
  assert.equal(monthCn('2026-03'), '2026年3月');
  assert.equal(cleanAccount('6217 0000 1234 5678 901'), '6217000012345678901');
  assert.equal(cleanAccount('６２１７０００１２３４５'), '621700012345');
  assert.equal(cleanAccount('6.217E+18'), null);
  assert.equal(cleanAccount('12345'), null);
});

test('pinyin: a character outside the BMP gets its reading (𠮷 → ji), surnames read as surnames', () => {
  assert.equal(initials('𠮷祥'), 'jx');
  assert.equal(fullPinyin('𠮷祥'), 'jixiang');
  assert.equal(initials('单田芳'), 'stf');
  assert.equal(initials('阿依古丽·买买提'), 'ayglmmt');
});
