// The layer rule fails the build on a violation (and passes on this tree).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
