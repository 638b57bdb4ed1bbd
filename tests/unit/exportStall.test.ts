// A large export never stalls the host: the workbook is zipped in a worker thread (core/workbook.ts), so a cheap call
// made meanwhile answers at once. Before, 10,000 households held every other call for the whole write.
// @alone: it times how fast the host answers, so it runs with no other test file on the CPU (tests/tools/unit.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { newSession } from '../../main/core/dispatch';
import { buildRegistry } from '../bench/registry';
import { must, world } from './helpers';

test('a cheap call answers within 200 ms (p99) while 10,000 households are exported', async () => {
  const w = await world();
  const admin = await w.admin();
  buildRegistry(w.ledger.db, 30_000);
  const households = w.count('households');
  assert.ok(households >= 10_000, `${households} households`);

  const waits: number[] = [];
  let exporting = true;
  // A call is due every 10 ms; its wait runs from when it was due, so a host too busy to start it counts too.
  const ping = async () => {
    while (exporting) {
      const due = performance.now() + 10;
      await new Promise((r) => setTimeout(r, 10));
      must(await w.call(newSession(), 'session.state', {}));
      waits.push(performance.now() - due);
    }
  };
  const pinging = ping();
  const started = performance.now();
  const file = must(await w.call(admin, 'households.export', {}));
  const took = performance.now() - started;
  exporting = false;
  await pinging;

  assert.equal(file.rows, households);
  waits.sort((a, b) => a - b);
  const [p99, longest] = [waits[Math.floor(waits.length * 0.99)], waits[waits.length - 1]];
  const said = `${waits.length} calls meanwhile, p99 ${p99.toFixed(0)} ms, longest ${longest.toFixed(0)} ms`;
  console.log(`export of ${file.rows} rows: ${took.toFixed(0)} ms; ${said}`);
  // Written on the host's own loop, the rows held every call for seconds (p99 = longest = 2.9 s).
  assert.ok(p99 <= 200, said);
});
