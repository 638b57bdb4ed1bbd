// The unit suite (`npm run test:unit`): every tests/unit/*.test.ts and tests/security/*.test.ts, each file in a node
// process of its own (node --test), JOBS files at a time (2: this machine's cores), the longest first; each file's
// output printed whole when it ends, then a line per file with its time. Exit 1 when a file fails.
// A file marked `// @alone` (the stall tests: they time how fast the host answers) runs after the others, by itself.
// Options: --dated  only the files marked `// @dated` (tests/tools/check-tests.mjs; .ci/run runs them again under
// faketime) · --jobs N · FILE…  only these files.
// The demo and county fixtures (tests/unit/fixtures.ts) are made once for the run in a folder of its own, unless
// BIANMIN_TEST_FIXTURES names one (.ci/run: one folder for both of its runs); each test copies what it needs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { MARK, testFiles } from './check-tests.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const args = process.argv.slice(2);
const dated = args.includes('--dated');
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Number(args[jobsAt + 1]) : 2;
const named = args
  .filter((a, i) => !a.startsWith('--') && (jobsAt < 0 || i !== jobsAt + 1))
  .map((a) => path.resolve(a));

// The files that took longest (2 cores, the cheap key files): started first, so that none is left alone at the end.
const LONGEST = [
  'crash',
  'upgrade',
  'officeFiles',
  'security',
  'sweep',
  'county',
  'countySync',
  'rekey',
  'keys',
  'service',
  'applications',
  'rollup',
  'disputes',
  'imports',
  'payroll',
];
const rank = (f) => {
  const i = LONGEST.indexOf(path.basename(f, '.test.ts'));
  return i < 0 ? LONGEST.length : i;
};

let files = named.length ? named : testFiles();
if (dated) files = files.filter((f) => MARK.test(fs.readFileSync(f, 'utf8')));
files.sort((a, b) => rank(a) - rank(b));

const env = { ...process.env };
let made = null;
if (!env.BIANMIN_TEST_FIXTURES)
  env.BIANMIN_TEST_FIXTURES = made = fs.mkdtempSync(path.join(os.tmpdir(), 'bianmin-fx-'));

const children = new Set();
const results = [];
const started = performance.now();

function run(file) {
  return new Promise((resolve) => {
    const t = performance.now();
    const chunks = [];
    const p = spawn(process.execPath, ['--import', 'tsx', '--test', file], { cwd: root, env });
    children.add(p);
    p.stdout.on('data', (d) => chunks.push(d));
    p.stderr.on('data', (d) => chunks.push(d));
    p.on('close', (code, signal) => {
      children.delete(p);
      const s = (performance.now() - t) / 1000;
      const ok = code === 0;
      const name = path.relative(root, file);
      process.stdout.write(`\n── ${name}: ${ok ? 'ok' : `FAILED (${signal ?? code})`} in ${s.toFixed(1)} s\n`);
      process.stdout.write(Buffer.concat(chunks));
      results.push({ name, ok, s });
      resolve();
    });
  });
}

for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    for (const p of children) p.kill('SIGTERM');
    process.exit(130);
  });

const ALONE = /^\/\/ @alone\b/m;
const alone = files.filter((f) => ALONE.test(fs.readFileSync(f, 'utf8')));
const queue = files.filter((f) => !alone.includes(f));
await Promise.all(
  Array.from({ length: Math.max(1, Math.min(jobs, queue.length)) }, async () => {
    while (queue.length) await run(queue.shift());
  }),
);
for (const f of alone) await run(f);
if (made) fs.rmSync(made, { recursive: true, force: true });

const failed = results.filter((r) => !r.ok);
console.log(`\n${dated ? 'dated unit files' : 'unit files'}, ${jobs} at a time:`);
for (const r of [...results].sort((a, b) => b.s - a.s))
  console.log(`  ${r.s.toFixed(1).padStart(6)} s  ${r.ok ? 'ok    ' : 'FAILED'}  ${r.name}`);
console.log(
  `${results.length} files, ${failed.length} failed, ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
);
process.exit(failed.length || results.length === 0 ? 1 : 0);
