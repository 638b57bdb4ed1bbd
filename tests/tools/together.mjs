// `node tests/tools/together.mjs SCRIPT…`: runs npm scripts side by side (npm test: the lint, the type check and the
// build at once, which are independent and each mostly one core), prints each one's output whole when it ends, and
// exits 1 when any failed. Saves about half a minute of CI on 2 cores.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
const runs = scripts.map(
  (script) =>
    new Promise((resolve) => {
      const t = performance.now();
      const chunks = [];
      const p = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      p.stdout.on('data', (d) => chunks.push(d));
      p.stderr.on('data', (d) => chunks.push(d));
      p.on('close', (code) => {
        const s = ((performance.now() - t) / 1000).toFixed(1);
        process.stdout.write(`\n── npm run ${script}: ${code === 0 ? 'ok' : `FAILED (${code})`} in ${s} s\n`);
        process.stdout.write(Buffer.concat(chunks));
        resolve(code === 0);
      });
    }),
);
const ok = await Promise.all(runs);
process.exit(ok.every(Boolean) ? 0 : 1);
