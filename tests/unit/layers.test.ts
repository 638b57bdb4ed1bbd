// The layer rule fails the build on a violation (and passes on this tree).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process'; // date-free: check-layers.mjs reads no date
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { tempDir } from './helpers';

const CHECK = path.resolve(__dirname, '..', 'tools', 'check-layers.mjs');
const run = (root?: string) => spawnSync(process.execPath, root ? [CHECK, root] : [CHECK], { encoding: 'utf8' });

function tree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  }
  return root;
}

test('this tree keeps the layer rule', () => {
  const r = run();
  assert.equal(r.status, 0, r.stderr);
});

test('each kind of violation fails with the file and line', () => {
  const cases: [string, string, RegExp][] = [
    ['renderer/pages/x.tsx', `import fs from 'node:fs';`, /renderer\/pages\/x\.tsx:1: imports 'node:fs'/],
    ['renderer/a.ts', `const D = require('better-sqlite3');`, /imports 'better-sqlite3'/],
    ['shared/domain/y.ts', `\nimport { readFileSync } from 'fs';`, /shared\/domain\/y\.ts:2: imports 'fs'/],
    ['shared/z.ts', `export { x } from 'node:path';`, /imports 'node:path'/],
    ['main/services/w.ts', `import { app } from 'electron';`, /electron 只能在 main\/electron\/ 中引用/],
    ['main/db/v.ts', `const e = await import('electron');`, /main\/db\/v\.ts:1/],
    [
      'renderer/pages/p.tsx',
      `import { METHODS } from '../../shared/schemas/payments';`,
      /只能用 import type 引用 shared\/schemas/,
    ],
    ['renderer/q.ts', `import { z } from 'zod';`, /不能引用 zod/],
  ];
  for (const [file, text, msg] of cases) {
    const r = run(tree({ [file]: text, 'main/electron/ok.ts': `import { app } from 'electron';` }));
    assert.equal(r.status, 1, file);
    assert.match(r.stderr, msg);
  }
  assert.equal(
    run(
      tree({
        'main/electron/ok.ts': `import { app } from 'electron';`,
        'main/x.ts': `import fs from 'node:fs';`,
        'renderer/t.ts': `import type { PaymentRow } from '../shared/schemas/payments';`,
      }),
    ).status,
    0,
  );
});

test("main/'s inner order: db ← core ← domains ← hosts, domains meet only at index.ts, and no cycle, not even of types", () => {
  const fails: [Record<string, string>, RegExp][] = [
    [
      {
        'main/core/a.ts': `import { b } from './b';\nexport const a = 1;`,
        'main/core/b.ts': `import { a } from './a';`,
      },
      /import cycle: main\/core\/(a|b)\.ts → main\/core\/(b|a)\.ts → main\/core\/\1\.ts/,
    ],
    [
      {
        'main/registry/x.ts': `import { y } from '../cases';`,
        'main/cases/index.ts': `export { y } from './y';`,
        'main/cases/y.ts': `import { x } from '../registry/x';\nexport const y = 1;`,
      },
      /main\/cases\/y\.ts:1: imports '..\/registry\/x' — 业务域之间只能通过对方的 index\.ts 引用/,
    ],
    [
      {
        'main/registry/index.ts': `export { x } from './x';`,
        'main/registry/x.ts': `import { y } from '../cases';\nexport const x = 1;`,
        'main/cases/index.ts': `import { x } from '../registry';\nexport const y = x;`,
      },
      /import cycle: .*main\/registry\/index\.ts/,
    ],
    [
      { 'main/db/k.ts': `import { nextNumber } from '../core/numbers';`, 'main/core/numbers.ts': '' },
      /main\/db\/k\.ts:1/,
    ],
    [
      { 'main/core/d.ts': `import type { P } from '../payments/p';`, 'main/payments/p.ts': '' },
      /core 在 payments 之下/,
    ],
    [{ 'main/payments/p.ts': `import { desk } from '../desk';`, 'main/desk.ts': '' }, /payments 在 main 之下/],
  ];
  for (const [files, msg] of fails) {
    const r = run(tree(files));
    assert.equal(r.status, 1, Object.keys(files).join(' '));
    assert.match(r.stderr, msg);
  }
  // A type that points back is a cycle too; a host may reach any file.
  const typeCycle = run(
    tree({
      'main/core/ledger.ts': `import { backup } from './backup';\nexport class Ledger {}`,
      'main/core/backup.ts': `import type { Ledger } from './ledger';\nexport const backup = (l: Ledger) => l;`,
    }),
  );
  assert.equal(typeCycle.status, 1);
  assert.match(typeCycle.stderr, /import cycle: main\/core\/(ledger|backup)\.ts/);
  const ok = run(
    tree({
      'main/core/ledger.ts': `import { backup } from './backup';\nexport class Ledger {}`,
      'main/core/backup.ts': `import type { Open } from './open';\nexport const backup = (l: Open) => l;`,
      'main/core/open.ts': `export interface Open { file: string }`,
      'main/desk.ts': `import { x } from './registry/x';`,
      'main/registry/x.ts': `import { backup } from '../core/backup';`,
    }),
  );
  assert.equal(ok.status, 0, ok.stderr);
});
