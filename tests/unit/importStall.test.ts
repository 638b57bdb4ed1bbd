// The host never stalls (issue 29, point 5): while a 100,000-row roster is read, checked and written, a cheap call
// through the dispatcher answers within 200 ms at p99, and the read's progress moves before the parse ends.
// @alone: it times how fast the host answers, so it runs with no other test file on the CPU (tests/tools/unit.mjs).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';

import * as XLSX from '@e965/xlsx';

import type { Session } from '../../main/core/dispatch';
import { AREAS } from '../../main/demo/fictional';
import type { ImportProgress } from '../../shared/schemas/imports';
import { rosterRows } from '../bench/rosters';
import { must, type World, world } from './helpers';

/** The roster as one sheet of text cells (SheetJS writes 100,000 rows in seconds; exceljs takes far longer). */
function rosterFile(rows: string[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '花名册');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

const p99 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))];

/**
 * A call of session.state falls due every 20 ms, as a screen's would arrive, until `work` ends; each is timed from the
 * moment it fell due to its answer, so a host that stalls between two calls is seen too (a call due during the stall
 * waits for it). Also samples the job's progress.
 */
async function whileRunning<T>(
  w: World,
  s: Session,
  job: string,
  work: Promise<T>,
): Promise<{ value: T; ms: number[]; seen: (ImportProgress & { at: number })[] }> {
  let over = false;
  const ms: number[] = [];
  const seen: (ImportProgress & { at: number })[] = [];
  const t0 = performance.now();
  const probe = (async () => {
    for (let due = t0; !over; due += 20) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      must(await w.call(s, 'session.state', {}));
      ms.push(performance.now() - due);
      const p = await w.call(s, 'imports.progress', { job });
      if (p.ok) seen.push({ ...p.value, at: performance.now() - t0 });
    }
  })();
  try {
    return { value: await work, ms, seen };
  } finally {
    over = true;
    await probe;
  }
}

test('a 100,000-row roster is read, checked and written while session.state answers within 200 ms at p99', async () => {
  const w = await world();
  const admin = await w.admin();
  for (const name of AREAS) must(await w.call(admin, 'areas.save', { name }));
  const rows = rosterRows(99_999); // and the header: 100,000 rows, the most a sheet may have
  const base64 = rosterFile(rows).toString('base64');

  // A cancel ends the worker mid-parse: the read answers at once, and nothing is audited as read.
  const cancelled = randomUUID();
  const reading = w.call(admin, 'imports.open', {
    job: cancelled,
    kind: 'households',
    fileName: '花名册.xlsx',
    base64,
  });
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    const p = must(await w.call(admin, 'imports.progress', { job: cancelled }));
    if (p.read > 0) break;
  }
  const t = performance.now();
  must(await w.call(admin, 'imports.cancel', { job: cancelled }));
  const stopped = await reading;
  assert.ok(!stopped.ok && stopped.error.message === '已取消导入', JSON.stringify(stopped));
  assert.ok(performance.now() - t < 1000, 'the cancel is heard at once');
  assert.equal(w.one(`SELECT count(*) AS n FROM audit_log WHERE entity = 'import'`).n, 0);

  const job = randomUUID();
  const open = await whileRunning(
    w,
    admin,
    job,
    w.call(admin, 'imports.open', { job, kind: 'households', fileName: '花名册.xlsx', base64 }),
  );
  const preview = must(open.value);
  assert.equal(preview.counts.total, 99_999);
  assert.equal(preview.counts.ok, 99_999);
  assert.ok(
    open.seen.some((p) => p.phase === 'reading' && p.read > 0 && p.read < 99_999),
    "the read's progress moves during the parse",
  );
  assert.ok(
    open.seen.some((p) => p.phase === 'checking' && p.checked > 0 && p.checked < 99_999),
    "the check's progress moves",
  );
  assert.ok(p99(open.ms) <= 200, `session.state during the read: p99 ${p99(open.ms).toFixed(0)} ms`);

  const confirm = await whileRunning(w, admin, job, w.call(admin, 'imports.confirm', { job }));
  const record = must(confirm.value);
  assert.equal(JSON.parse(record.counts).persons, 99_999);
  assert.equal(w.count('persons'), 99_999);
  assert.ok(
    confirm.seen.some((p) => p.phase === 'writing' && p.written > 0 && p.written < p.total),
    'the write reports its progress',
  );
  assert.ok(p99(confirm.ms) <= 200, `session.state during the write: p99 ${p99(confirm.ms).toFixed(0)} ms`);
  const said = (ms: number[]) => `p99 ${p99(ms).toFixed(1)} ms, longest ${Math.max(...ms).toFixed(1)} ms`;
  console.log(`session.state: ${said(open.ms)} during the read, ${said(confirm.ms)} during the write`);
  await w.ledger.close({ backup: false });
});
