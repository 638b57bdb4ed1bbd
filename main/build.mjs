// Builds dist/: main (esbuild, CommonJS for Node and Electron) and the renderer (Vite). Skips a part whose
// sources are older than its output, so `npm start` and `npm test` do not rebuild what has not changed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build as esbuild } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

function newest(dirs) {
  let t = 0;
  const walk = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    else t = Math.max(t, st.mtimeMs);
  };
  dirs.forEach((d) => walk(path.join(root, d)));
  return t;
}
const stale = (output, inputs) => {
  const st = fs.statSync(path.join(dist, output), { throwIfNoEntry: false });
  return !st || st.mtimeMs < newest([...inputs, 'package.json', 'package-lock.json']);
};

if (stale('main/start.cjs', ['main', 'shared'])) {
  await esbuild({
    entryPoints: {
      start: 'main/start.ts',
      electron: 'main/electron/main.ts',
      preload: 'main/electron/preload.ts',
      // Worker threads: run from these files as strings (core/threads.ts).
      workbookWorker: 'main/core/workbookWorker.ts',
      censusWorker: 'main/county/censusWorker.ts',
      importWorker: 'main/imports/importWorker.ts',
    },
    absWorkingDir: root,
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // Native and host modules stay outside the bundle.
    // Native modules load their own binaries, and pdfkit its font metrics, from their folders at run time: they stay
    // in node_modules.
    // pg-native is pg's optional native binding, never installed: pg's pure JavaScript client is used.
    // tsx is resolved only when main runs from its sources (a worker's require hook in core/threads.ts).
    external: ['electron', 'better-sqlite3-multiple-ciphers', '@resvg/resvg-js', 'pdfkit', 'pg-native', 'tsx'],
    logLevel: 'warning',
  });
  fs.cpSync(path.join(root, 'main/db/migrations'), path.join(dist, 'main/migrations'), { recursive: true });
  fs.cpSync(path.join(root, 'main/county/migrations'), path.join(dist, 'main/county-migrations'), { recursive: true });
  console.log('built dist/main');
}

if (stale('renderer/index.html', ['renderer', 'shared', 'resources'])) {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({
    root: path.join(root, 'renderer'),
    base: './',
    publicDir: path.join(root, 'resources/public'),
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: path.join(dist, 'renderer'), emptyOutDir: true, chunkSizeWarningLimit: 4000, sourcemap: false },
  });
  console.log('built dist/renderer');
}
