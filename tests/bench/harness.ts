// The bench harness: each figure's p50/p95 beside a raw-SQLite baseline of the same work, the ratio, the budget.
import fs from 'node:fs';

// The bench ledger's clock: its data runs to 2026-11-20, so "today" is fixed just after, whatever the machine says.
// The posting figure moves it into each batch's month, since a month is paid only once it has begun.
const BENCH_DAY = '2026-11-23';
let benchNow = new Date(`${BENCH_DAY}T09:00:00+08:00`).getTime();
export const benchClock = () => new Date(benchNow);
export function setBenchDay(day = BENCH_DAY): void {
  benchNow = new Date(`${day}T09:00:00+08:00`).getTime();
}

export interface Figure {
  figure: string;
  p50_ms: number;
  p95_ms: number;
  baseline_ms: number;
  ratio: number;
  budget_ratio: number;
  budget_p95_ms: number | null;
  within: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeOnce(fn: () => unknown): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** App and baseline alternate run by run, so that drift (caches, CPU clock, GC) falls on both alike. */
async function timeInterleaved(
  app: () => unknown,
  baseline: () => unknown,
  runs: number,
  warm: number,
  prepare?: () => unknown,
): Promise<[number[], number[]]> {
  // warm caches and prepared statements
  for (let i = 0; i < warm; i++) {
    await prepare?.();
    await app();
    await prepare?.();
    await baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    await prepare?.();
    a.push(await timeOnce(app));
    await prepare?.();
    b.push(await timeOnce(baseline));
  }
  return [a.sort((x, y) => x - y), b.sort((x, y) => x - y)];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Times `app` (through the dispatcher, as the renderer calls it) and `baseline` (the same work in raw SQLite).
 * The ratio is p95 over baseline p95; `within` needs the ratio and, when given, the absolute p95 budget.
 */
export async function measure(
  figure: string,
  app: () => unknown,
  baseline: () => unknown,
  opts: { runs?: number; warm?: number; budgetRatio: number; budgetP95Ms?: number; prepare?: () => unknown },
): Promise<Figure> {
  const runs = opts.runs ?? 200;
  // `prepare` (untimed) runs before every timed run, e.g. to make the next batch to post.
  const [a, b] = await timeInterleaved(app, baseline, runs, opts.warm ?? 10, opts.prepare);
  const p95 = percentile(a, 95);
  const base = percentile(b, 95);
  const ratio = p95 / base;
  return {
    figure,
    p50_ms: round(percentile(a, 50)),
    p95_ms: round(p95),
    baseline_ms: round(base),
    ratio: round(ratio),
    budget_ratio: opts.budgetRatio,
    budget_p95_ms: opts.budgetP95Ms ?? null,
    within: ratio <= opts.budgetRatio && (opts.budgetP95Ms === undefined || p95 <= opts.budgetP95Ms),
  };
}

/** Prints the table; with `out`, writes the figures (and any extra measurements, e.g. the cards PDF) as JSON. */
export function report(figures: Figure[], out?: string, extras: Record<string, unknown> = {}): boolean {
  console.table(
    figures.map((f) => ({
      figure: f.figure,
      'p50 ms': f.p50_ms,
      'p95 ms': f.p95_ms,
      'baseline p95 ms': f.baseline_ms,
      ratio: f.ratio,
      budget: `≤${f.budget_ratio}×${f.budget_p95_ms === null ? '' : `, ≤${f.budget_p95_ms} ms`}`,
      within: f.within ? 'yes' : 'NO',
    })),
  );
  if (out) fs.writeFileSync(out, JSON.stringify({ figures, ...extras }, null, 2));
  return figures.every((f) => f.within);
}
