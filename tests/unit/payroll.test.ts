// Monthly payroll on a real ledger: entitlements, a batch made, edited, approved by another person and posted all at
// once; the roster; the bank's upload and result files; re-issue of failed rows; the reconciliation check.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import ExcelJS from 'exceljs';

import { must, refused } from './helpers';
import { paymentsWorld } from './paymentsSetup';

async function monthlyWorld() {
  const pw = await paymentsWorld();
  const { w, clerk, household, approved } = pw;
  const people = [];
  for (const [name, kind, amount] of [
    ['周一', 'elderly_allowance', '200'],
    ['吴二', 'disability_living_subsidy', '90'],
    ['郑三', 'disability_care_subsidy', '110'],
    ['冯四', 'elderly_allowance', '200'],
  ] as const) {
    const h = await household(name);
    const id = await approved(h, kind, amount);
    must(await w.call(clerk, 'entitlements.save', { applicationId: id, startMonth: '2026-11', endMonth: null }));
    people.push({ h, id });
  }
  return { ...pw, people };
}

test('entitlements: monthly cases only, the approved amount each month, end month not before what was paid', async () => {
  const { w, clerk, household, approved } = await paymentsWorld();
  const h = await household('陈五');
  const oneOff = await approved(h, 'temporary_relief_urgent', '500');
  const monthly = await approved(h, 'elderly_allowance', '150');
  assert.match(
    refused(await w.call(clerk, 'entitlements.save', { applicationId: oneOff, startMonth: '2026-11', endMonth: null }))
      .message,
    /一次性救助/,
  );
  assert.equal(
    refused(
      await w.call(clerk, 'entitlements.save', { applicationId: monthly, startMonth: '2026-11', endMonth: '2026-10' }),
    ).field,
    'endMonth',
  );
  assert.equal(
    refused(await w.call(clerk, 'entitlements.save', { applicationId: monthly, startMonth: '2026/11', endMonth: null }))
      .field,
    'startMonth',
  );
  const c = must(
    await w.call(clerk, 'entitlements.save', { applicationId: monthly, startMonth: '2026-11', endMonth: '2027-10' }),
  );
  assert.deepEqual(
    c.entitlement && { fen: c.entitlement.monthlyFen, from: c.entitlement.startMonth, to: c.entitlement.endMonth },
    { fen: 15000, from: '2026-11', to: '2027-10' },
  );
});

test('a batch: collected, a row excluded with a reason, approved by someone else, posted at once under a gapless number', async () => {
  const { w, clerk, approver, approver2, people } = await monthlyWorld();
  const draft = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  assert.deepEqual([draft.state, draft.rowCount, draft.totalFen, draft.batchNo], ['draft', 4, 60000, null]);
  assert.match(
    refused(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null })).message,
    /已有一个草稿批次/,
  );
  const lines = must(await w.call(clerk, 'payroll.rows', { batchId: draft.id }));
  assert.equal(lines.total, 4);
  assert.ok(lines.rows.every((l) => /^\d{4}\*{10}\d{3}[\dX]$/.test(l.idNumber) && /^\d{4}$/.test(l.accountTail)));
  const wu = lines.rows.find((l) => l.personName === '吴二')!;
  assert.equal(
    refused(
      await w.call(clerk, 'payroll.exclude', {
        batchId: draft.id,
        entitlementId: wu.entitlementId,
        forMonth: '2026-11',
        reason: '',
      }),
    ).field,
    'reason',
  );
  const edited = must(
    await w.call(clerk, 'payroll.exclude', {
      batchId: draft.id,
      entitlementId: wu.entitlementId,
      forMonth: '2026-11',
      reason: '本人已去世，待核实',
    }),
  );
  assert.deepEqual([edited.rowCount, edited.totalFen, edited.excludedCount], [3, 51000, 1]);

  // Maker-checker, and roles.
  const maker = await w.staff('maker', ['clerk', 'approver']);
  const own = must(await w.call(maker, 'payroll.create', { month: '2026-12', kindCode: 'elderly_allowance' }));
  const before = w.count('payments');
  assert.match(refused(await w.call(maker, 'payroll.approve', { id: own.id })).message, /是您制作的/);
  assert.equal(refused(await w.call(clerk, 'payroll.approve', { id: draft.id })).code, 'FORBIDDEN');
  assert.equal(w.count('payments'), before);
  must(await w.call(clerk, 'payroll.cancel', { id: own.id, reason: '月份选错' }));

  const posted = must(await w.call(approver, 'payroll.approve', { id: draft.id }));
  assert.deepEqual(
    [posted.state, posted.batchNo, posted.rowCount, posted.totalFen, posted.paidOn],
    ['posted', '2026-001', 3, 51000, '2026-11-23'],
  );
  assert.equal(w.one(`SELECT count(*) AS n FROM payments WHERE batch_id = ${draft.id} AND method = 'bank'`).n, 3);
  assert.equal(
    w.one<{ fen: number }>(`SELECT sum(signed_fen) AS fen FROM payments WHERE batch_id = ${draft.id}`).fen,
    51000,
  );
  assert.equal(must(await w.call(clerk, 'applications.get', { id: people[0].id })).state, 'paid');
  assert.equal(
    must(await w.call(clerk, 'applications.get', { id: people[1].id })).state,
    'approved',
    'the excluded case is not paid',
  );
  assert.match(refused(await w.call(approver2, 'payroll.approve', { id: draft.id })).message, /已过账/);
  assert.match(
    refused(
      await w.call(clerk, 'payroll.exclude', {
        batchId: draft.id,
        entitlementId: wu.entitlementId,
        forMonth: '2026-11',
        reason: null,
      }),
    ).message,
    /已过账/,
  );

  // The month again: only the excluded row is left; the cancelled draft took no number.
  const again = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  assert.equal(again.rowCount, 1);
  assert.equal(must(await w.call(approver2, 'payroll.approve', { id: again.id })).batchNo, '2026-002');
  assert.match(
    refused(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null })).message,
    /没有需要发放/,
  );
  // The ledger itself refuses a second standing payment for the same entitlement and month.
  assert.throws(
    () =>
      w.ledger.db
        .prepare(
          `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen,
            paid_on, method, account, entitlement_id, for_month, posted_by, posted_at)
      SELECT application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen, paid_on, method,
              account, entitlement_id, for_month, posted_by, posted_at
            FROM payments
            WHERE batch_id = ?
            LIMIT 1`,
        )
        .run(draft.id),
    /同一待遇同一月份已经发放过/,
  );
  assert.throws(
    () => w.ledger.db.prepare(`UPDATE payroll_batches SET total_fen = 1 WHERE id = ?`).run(draft.id),
    /已过账的批次不能修改/,
  );
  assert.ok(must(await w.call(clerk, 'payments.check', {})).ok);
});

test('a batch that fails half-way writes nothing: no payments, no number, no case moved, still a draft', async () => {
  const { w, clerk, approver, admin } = await monthlyWorld();
  const draft = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  const third = w.one<{ e: number }>(
    'SELECT entitlement_id AS e FROM payroll_rows WHERE batch_id = ? AND seq = 3',
    draft.id,
  ).e;
  // A failure at the third row (as a full disk would make it), after two rows were inserted.
  w.ledger.db.exec(
    `CREATE TEMP TRIGGER fail_third BEFORE INSERT ON payments WHEN NEW.entitlement_id = ${third} BEGIN SELECT RAISE(ABORT, '磁盘已满'); END`,
  );
  const before = [w.count('application_steps'), w.count('audit_log')];
  assert.match(refused(await w.call(approver, 'payroll.approve', { id: draft.id })).message, /磁盘已满/);
  assert.deepEqual(
    [w.count('payments'), w.one(`SELECT count(*) AS n FROM number_sequences WHERE series = 'batch'`).n],
    [0, 0],
  );
  assert.deepEqual([w.count('application_steps'), w.count('audit_log')], before);
  assert.equal(must(await w.call(clerk, 'payroll.get', { id: draft.id })).state, 'draft');
  w.ledger.db.exec('DROP TRIGGER temp.fail_third');
  // A closed month refuses the posting before any row.
  must(await w.call(admin, 'months.close', { month: '2026-11' }));
  assert.match(refused(await w.call(approver, 'payroll.approve', { id: draft.id })).message, /2026-11 已结账/);
  must(await w.call(admin, 'months.reopen', { month: '2026-11', reason: '发放后再结账' }));
  assert.equal(must(await w.call(approver, 'payroll.approve', { id: draft.id })).batchNo, '2026-001');
});

test('roster and its .xlsx: masked IDs, account tails, total in figures and 大写', async () => {
  const { w, clerk, approver, areaId } = await monthlyWorld();
  const b = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  must(await w.call(approver, 'payroll.approve', { id: b.id }));
  const r = must(await w.call(clerk, 'payroll.roster', { id: b.id, areaId }));
  assert.deepEqual(r.rows.map((l) => l.personName).sort(), ['冯四', '吴二', '周一', '郑三']);
  const x = must(await w.call(clerk, 'payroll.rosterXlsx', { id: b.id }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(x.base64, 'base64') as never);
  const ws = wb.getWorksheet('发放花名册')!;
  assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), [
    '序号',
    '村/社区',
    '姓名',
    '身份证号',
    '救助类别',
    '金额（元）',
    '账号后四位',
    '签字（手印）',
    '备注',
  ]);
  const cells = [] as string[];
  ws.eachRow((row) => cells.push(JSON.stringify(row.values)));
  const all = cells.join('\n');
  assert.match(all, /"合计","","4 人","","",600/);
  assert.match(all, /合计金额（大写）：陆佰元整/);
  assert.doesNotMatch(all, /\d{15,}/, 'no full ID or account number');
});

test('bank upload file: approvers only, full accounts, audited', async () => {
  const { w, clerk, approver } = await monthlyWorld();
  const b = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  assert.match(refused(await w.call(approver, 'payroll.bankFile', { id: b.id })).message, /过账后/);
  must(await w.call(approver, 'payroll.approve', { id: b.id }));
  assert.equal(refused(await w.call(clerk, 'payroll.bankFile', { id: b.id })).code, 'FORBIDDEN');
  const f = must(await w.call(approver, 'payroll.bankFile', { id: b.id }));
  const text = Buffer.from(f.base64, 'base64').toString('utf8');
  assert.ok(text.startsWith('\uFEFF序号,收款人,账号,金额,摘要\r\n'));
  assert.equal(f.rows, 4);
  assert.match(text, /\r\n1,[^,]+,6217\d{15},\d+\.00,2026年11月补贴\r\n/);
  assert.equal(w.one(`SELECT count(*) AS n FROM audit_log WHERE channel = 'payroll.bankFile'`).n, 1);
});

test('bank results: bad files refused whole; failed rows reversed and re-issued by the next month, once', async () => {
  const { w, clerk, approver, people, advanceDays } = await monthlyWorld();
  const b = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  must(await w.call(approver, 'payroll.approve', { id: b.id }));
  const pays = w.ledger.db
    .prepare(
      `SELECT p.id, p.account, p.amount_fen AS fen, pe.name
        FROM payments p
        JOIN persons pe ON pe.id = p.person_id
        WHERE batch_id = ?
        ORDER BY p.id`,
    )
    .all(b.id) as { id: number; account: string; fen: number; name: string }[];
  const line = (p: { account: string; fen: number }, status = '成功', amount = (p.fen / 100).toFixed(2)) =>
    `${p.account},${amount},${status}`;
  const imp = (content: string) => w.call(approver, 'payroll.importBankResults', { batchId: b.id, content });
  const before = [w.count('payments'), w.count('bank_results'), w.count('audit_log')];
  const bad: [string, RegExp][] = [
    ['户名,账号,金额\r\n', /表头应为“账号,金额,状态”/],
    ['账号,金额,状态\r\n', /没有结果行/],
    [`账号,金额,状态\r\n6217999999999999999,200.00,成功\r\n`, /第 2 行：账号 \*\*\*\*9999 不在批次 2026-001 中/],
    [`账号,金额,状态\r\n${line(pays[0], '成功', '201.00')}\r\n`, /第 2 行：.*金额 201.00 元与批次中的 .* 元不符/],
    [`账号,金额,状态\r\n${line(pays[0], '待定')}\r\n`, /状态应为“成功”或“失败”/],
    [
      `账号,金额,状态\r\n${line(pays[0])}\r\n${line(pays[1], '成功', '"1.234,50"')}\r\n`,
      /第 3 行：金额格式不对：请用小数点表示角分.*（“1.234,50”）/,
    ],
  ];
  for (const [content, msg] of bad) {
    const e = refused(await imp(content));
    assert.equal(e.field, 'content');
    assert.match(e.message, msg);
  }
  // Nothing written but the audit rows of the four files whose accounts were compared (core/idLookups.ts).
  assert.deepEqual(
    [w.count('payments'), w.count('bank_results'), w.count('audit_log')],
    [...before.slice(0, 2), before[2] + 4],
  );
  assert.equal(w.one(`SELECT count(*) AS n FROM audit_log WHERE entity = 'lookup' AND entity_id = 'account'`).n, 4);
  assert.equal(
    refused(await w.call(clerk, 'payroll.importBankResults', { batchId: b.id, content: '' })).code,
    'FORBIDDEN',
  );

  const failedOne = pays[1];
  const ok = must(
    await imp(
      `\uFEFF账号,金额,状态,说明\r\n${pays.map((p) => (p === failedOne ? `${line(p, '失败')},账户已销户` : line(p))).join('\r\n')}\r\n`,
    ),
  );
  assert.deepEqual([ok.succeeded, ok.failed], [3, 1]);
  const rev = must(await w.call(clerk, 'payments.get', { id: ok.reversalIds[0] }));
  assert.deepEqual([rev.reversesId, rev.signedFen, rev.note], [failedOne.id, -failedOne.fen, '银行退回：账户已销户']);
  assert.match(refused(await imp(`账号,金额,状态\r\n${line(pays[0])}\r\n`)).message, /已经导入过/);
  assert.equal(
    must(await w.call(clerk, 'applications.get', { id: people[0].id })).state,
    'paid',
    'a monthly case stays paid',
  );

  // December's batch pays December to everyone, and November again to the one the bank returned; it is posted once
  // December has begun.
  await advanceDays(10);
  const dec = must(await w.call(clerk, 'payroll.create', { month: '2026-12', kindCode: null }));
  const rows = must(await w.call(clerk, 'payroll.rows', { batchId: dec.id })).rows;
  assert.equal(rows.length, 5);
  assert.deepEqual(
    rows.filter((r) => r.forMonth === '2026-11').map((r) => r.personName),
    [failedOne.name],
  );
  must(await w.call(approver, 'payroll.approve', { id: dec.id }));
  assert.equal(w.one(`SELECT count(*) AS n FROM payments WHERE note = '补发 2026-11'`).n, 1);
  const jan = must(await w.call(clerk, 'payroll.create', { month: '2027-01', kindCode: null }));
  assert.equal(
    must(await w.call(clerk, 'payroll.rows', { batchId: jan.id })).rows.filter((r) => r.forMonth === '2026-11').length,
    0,
    're-issued once',
  );
});

test('the check screen reconciles each posted batch with its payments and shows a row added behind its back', async () => {
  const { w, clerk, approver } = await monthlyWorld();
  const b = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  must(await w.call(approver, 'payroll.approve', { id: b.id }));
  let c = must(await w.call(clerk, 'payments.check', {}));
  assert.deepEqual(
    c.batches.map((x) => [x.batchNo, x.storedCount, x.ledgerCount, x.storedFen, x.ledgerFen, x.ok]),
    [['2026-001', 4, 4, 60000, 60000, true]],
  );
  w.ledger.db
    .prepare(
      `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen,
        paid_on, method, account, batch_id, posted_by, posted_at)
    SELECT application_id, household_id, person_id, area_id, kind_code, top_kind, 999, paid_on, method, account,
          batch_id, posted_by, posted_at
        FROM payments
        WHERE batch_id = ?
        LIMIT 1`,
    )
    .run(b.id);
  c = must(await w.call(clerk, 'payments.check', {}));
  assert.equal(c.ok, false);
  assert.deepEqual([c.batches[0].ledgerCount, c.batches[0].ledgerFen, c.batches[0].ok], [5, 60999, false]);
  assert.equal(c.totalsOff, 0, 'the insert trigger kept the stored totals right, even for that row');
  // The grid's totals (read from payment_totals) are the ledger's own sums.
  const list = must(await w.call(clerk, 'payments.list', { month: '2026-11', method: 'bank' }));
  assert.deepEqual(
    [list.total, list.sumFen],
    [
      5,
      w.one<{ fen: number }>(
        `SELECT sum(signed_fen) AS fen FROM payments WHERE paid_on LIKE '2026-11%' AND method = 'bank'`,
      ).fen,
    ],
  );
  w.ledger.db.prepare(`UPDATE payment_totals SET fen = fen + 1 WHERE kind_code = 'elderly_allowance'`).run();
  assert.equal(
    must(await w.call(clerk, 'payments.check', {})).totalsOff,
    2,
    'a stored total changed behind the ledger shows on both sides',
  );
});
