// How main is bundled: esbuild, CommonJS for Node and Electron, each worker thread beside its entry points (core/
// threads.ts runs `<name>.cjs` from the bundle's folder) and the migrations copied beside them. Used by build.mjs for
// dist/main and by the tests for their child processes (tests/unit/fixtures.ts: childArgs).
import fs from 'node:fs';
import path from 'node:path';

import { build } from 'esbuild';

/** Worker threads: run from these files as strings (core/threads.ts). */
export const WORKERS = {
  workbookWorker: 'main/core/workbookWorker.ts',
  censusWorker: 'main/county/censusWorker.ts',
  importWorker: 'main/imports/importWorker.ts',
};

/** Bundles `entryPoints` (name → source, relative to `root`) and the workers into `outdir`. */
export async function bundleMain(root, entryPoints, outdir, { sourcemap = true } = {}) {
  await build({
    entryPoints: { ...entryPoints, ...WORKERS },
    absWorkingDir: root,
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap,
    // Native modules load their own binaries, and pdfkit its font metrics, from their folders at run time: they stay
    // in node_modules.
    // pg-native is pg's optional native binding, never installed: pg's pure JavaScript client is used.
    // tsx is resolved only when main runs from its sources (a worker's require hook in core/threads.ts).
    external: ['electron', 'better-sqlite3-multiple-ciphers', '@resvg/resvg-js', 'pdfkit', 'pg-native', 'tsx'],
    logLevel: 'warning',
  });
  // The ledger's migrations as `migrations`, the county's as `county-migrations` (county/store.ts looks there first).
  fs.cpSync(path.join(root, 'main/db/migrations'), path.join(outdir, 'migrations'), { recursive: true });
  fs.cpSync(path.join(root, 'main/county/migrations'), path.join(outdir, 'county-migrations'), { recursive: true });
}
