// Builds dist/: main (esbuild, CommonJS for Node and Electron) and the renderer (Vite). Skips a part whose
// sources are older than its output, so `npm start` and `npm test` do not rebuild what has not changed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { bundleMain } from './bundle.mjs';

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
  await bundleMain(
    root,
    { start: 'main/start.ts', electron: 'main/electron/main.ts', preload: 'main/electron/preload.ts' },
    path.join(dist, 'main'),
  );
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
