// imports.*: a roster file read into a preview kept in memory (a job), checked again as the clerk maps columns and
// decides duplicates, then written in one transaction; and a past import undone as a whole. The first read and check
// run in a worker thread (importThread.ts), so the host answers every other call meanwhile.
import { contract } from '../../shared/contract';
import { IMPORT_KINDS, IMPORT_ROLES, type ImportKind } from '../../shared/domain/imports';
import { AppError } from '../../shared/domain/result';
import { type Role, ROLE_LABELS } from '../../shared/domain/roles';
import { dateCn, isoCn } from '../../shared/domain/time';
import type { ImportPreview, ImportProgress } from '../../shared/schemas/imports';
import type { Ctx, Handlers } from '../core/dispatch';
import { lookup, seesFullId } from '../core/idLookups';
import { prep } from '../db/open';
import { type Checked, checkRoster } from './importCheck';
import type { Sheet } from './importFiles';
import { columnLetter, findLayout, type Layout, remembered } from './importLayout';
import { readInWorker } from './importThread';
import { importRecord, undoImport, writePlan } from './importWrite';

export interface Job {
  id: string;
  staffId: number;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  sheets: Sheet[];
  sheet: number;
  layout: Layout;
  areaMap: Record<string, number>;
  decisions: Record<string, 'merge' | 'skip'>;
  /** The clerk's choices on the preview: make the villages the ledger lacks; the file's start month (在保名册). */
  createAreas: boolean;
  startMonth: string | null;
  checked: Checked;
  /** The newest audit row when the preview was checked: any write since then (all write audit) asks for a re-check. */
  seen: number;
  progress: ImportProgress;
  cancelled: boolean;
  /** Ends the worker while the file is read and checked. */
  stop: (() => void) | null;
}

/** Previews in memory, one per staff member at a time; they hold the file's rows, never written to disk. */
const jobs = new Map<string, Job>();

export function jobOf(ctx: Ctx, id: string): Job {
  const job = jobs.get(id);
  if (!job || job.staffId !== ctx.session.staff!.id) throw new AppError('NOT_FOUND', '导入预览已失效，请重新选择文件');
  return job;
}

const latestAudit = (ctx: Ctx) =>
  (prep(ctx.db, 'SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;

/** Who may add a village: whoever may call areas.save, so that an import makes none that 设置 would refuse. */
const AREA_ROLES = contract['areas.save'].access as readonly Role[];
const AREA_MAKERS = AREA_ROLES.map((r) => ROLE_LABELS[r]).join('或');
const mayAddAreas = (ctx: Ctx) => ctx.session.staff!.roles.some((r) => AREA_ROLES.includes(r));

function mayImport(ctx: Ctx, kind: ImportKind): void {
  if (!ctx.session.staff!.roles.some((r) => IMPORT_ROLES[kind].includes(r)))
    throw new AppError('FORBIDDEN', `导入${IMPORT_KINDS[kind]}需要管理员权限：它们会成为已审批的待遇或已过账的发放`);
}

function check(ctx: Ctx, job: Job): void {
  job.progress.phase = 'checking';
  job.checked = checkRoster(
    ctx.db,
    {
      kind: job.kind,
      sheet: job.sheets[job.sheet],
      layout: job.layout,
      areaMap: job.areaMap,
      decisions: job.decisions,
      startMonth: job.startMonth,
      areas: { create: job.createAreas, may: mayAddAreas(ctx), who: AREA_MAKERS },
      today: dateCn(ctx.now),
      seesFullId: seesFullId(ctx),
      onIds: (ids) => lookup(ctx, 'id', ids, `导入文件“${job.fileName}”`),
    },
    (n) => (job.progress.checked = n),
  );
  job.seen = latestAudit(ctx);
  job.progress = {
    ...job.progress,
    phase: 'ready',
    checked: job.checked.lines.length,
    total: job.checked.lines.length,
  };
}

export function preview(job: Job, mayCreateAreas: boolean): ImportPreview {
  const { checked, layout } = job;
  const counts = { ok: 0, confirm: 0, refused: 0, merge: 0, blank: checked.blank, total: checked.lines.length };
  for (const l of checked.lines) {
    counts[l.status]++;
    if (l.decision === 'merge') counts.merge++;
  }
  const first = layout.headerAt + 1;
  return {
    job: job.id,
    kind: job.kind,
    fileName: job.fileName,
    sheets: job.sheets.map((s) => s.name),
    sheet: job.sheet,
    headerRows: layout.headerRows === 2 ? [first, first + 1] : [first],
    headers: layout.headers.map((text, col) => ({ col, letter: columnLetter(col), text })),
    mapping: layout.mapping,
    counts,
    unknownAreas: [...checked.unknownAreas].map(([name, rows]) => ({ name, rows })),
    createAreas: job.createAreas,
    newAreas: checked.plan.areas,
    mayCreateAreas,
    areaMakers: AREA_MAKERS,
    startMonth: job.startMonth,
    notes: checked.notes,
    blocker:
      checked.blocker ??
      (counts.ok + counts.merge > 0
        ? null
        : job.kind === 'entitlements' && !job.startMonth && layout.mapping.startMonth == null
          ? '没有可导入的行：请为整个文件选择起始月份，或对应“起始月份”列'
          : '没有可导入的行'),
  };
}

function stopJob(job: Job): void {
  job.cancelled = true;
  job.progress.phase = 'cancelled';
  job.stop?.();
  jobs.delete(job.id);
}

// Between two chunks of the write: other calls' turn, and a pause in which the host's thread sleeps, since a thread
// kept busy for seconds is scheduled after others on a loaded machine and the calls let through would wait.
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

export const importsHandlers = {
  'imports.open': async (ctx, input) => {
    mayImport(ctx, input.kind);
    for (const j of jobs.values()) if (j.staffId === ctx.session.staff!.id) stopJob(j);
    const progress: ImportProgress = { phase: 'reading', read: 0, checked: 0, written: 0, total: 0 };
    const job = {
      id: input.job,
      staffId: ctx.session.staff!.id,
      kind: input.kind,
      fileName: input.fileName,
      progress,
      cancelled: false,
      stop: null,
    } as Job;
    jobs.set(job.id, job);
    try {
      const read = readInWorker(
        ctx.ledger,
        {
          kind: job.kind,
          fileName: job.fileName,
          base64: input.base64,
          today: dateCn(ctx.now),
          seesFullId: seesFullId(ctx),
          areas: { create: false, may: mayAddAreas(ctx), who: AREA_MAKERS },
        },
        {
          progress: (p) => Object.assign(progress, p),
          lookup: (ids) => lookup(ctx, 'id', ids, `导入文件“${job.fileName}”`),
        },
      );
      job.stop = read.cancel;
      const out = await read.done;
      job.stop = null;
      Object.assign(job, { ...out, areaMap: {}, decisions: {}, createAreas: false, startMonth: null });
      job.progress = {
        ...progress,
        phase: 'ready',
        checked: out.checked.lines.length,
        total: out.checked.lines.length,
      };
      if (job.checked.lines.length === 0 && !job.checked.blocker)
        throw new AppError('VALIDATION', `工作表“${job.sheets[job.sheet].name}”的表头下面没有数据行`, 'file');
    } catch (e) {
      jobs.delete(job.id);
      job.progress.phase = job.cancelled ? 'cancelled' : 'failed';
      throw e;
    }
    ctx.audit('import', null, null, {
      what: '读取导入文件',
      fileName: job.fileName,
      sha256: job.sha256,
      rows: job.checked.lines.length,
    });
    // The worker's snapshot is older than this row and the lookups' rows, which change nothing in the ledger: any
    // other row written since it was taken leaves `seen` at the snapshot, and the confirm checks again.
    const since = prep(
      ctx.db,
      `SELECT count(*) AS n
       FROM audit_log
       WHERE id > ?
         AND entity <> 'lookup'`,
    ).get(job.seen) as { n: number };
    if (since.n === 1) job.seen = latestAudit(ctx);
    return preview(job, mayAddAreas(ctx));
  },

  'imports.check': (ctx, input) => {
    const job = jobOf(ctx, input.job);
    if (input.sheet !== undefined && input.sheet !== job.sheet) {
      if (input.sheet >= job.sheets.length) throw new AppError('VALIDATION', '没有这个工作表', 'sheet');
      job.sheet = input.sheet;
      job.layout = findLayout(job.kind, job.sheets[job.sheet], remembered(ctx.db));
    } else if (input.mapping) {
      const width = job.layout.headers.length;
      if (Object.values(input.mapping).some((c) => c !== null && c >= width))
        throw new AppError('VALIDATION', '所选的列不在表头范围内', 'mapping');
      job.layout = { ...job.layout, mapping: { ...job.layout.mapping, ...input.mapping } };
    }
    if (input.areaMap) job.areaMap = { ...job.areaMap, ...input.areaMap };
    if (input.decisions) job.decisions = { ...job.decisions, ...input.decisions };
    if (input.createAreas !== undefined) {
      if (input.createAreas && !mayAddAreas(ctx))
        throw new AppError('FORBIDDEN', `只有${AREA_MAKERS}可以新建村（社区）`, 'createAreas');
      job.createAreas = input.createAreas;
    }
    if (input.startMonth !== undefined) job.startMonth = input.startMonth;
    check(ctx, job);
    return preview(job, mayAddAreas(ctx));
  },

  'imports.progress': (ctx, input) => jobOf(ctx, input.job).progress,

  'imports.cancel': (ctx, input) => {
    const job = jobs.get(input.job);
    if (job && job.staffId === ctx.session.staff!.id && job.progress.phase !== 'writing') stopJob(job);
    return { cancelled: true as const };
  },

  'imports.rows': (ctx, input) => {
    const lines = jobOf(ctx, input.job).checked.lines.filter((l) => !input.status || l.status === input.status);
    const rows = (input.sort?.dir === 'desc' ? [...lines].reverse() : lines).slice(
      input.offset,
      input.offset + input.limit,
    );
    return { total: lines.length, rows: rows.map((l) => ({ ...l, reasons: l.reasons.join('；') })) };
  },

  'imports.confirm': async (ctx, input) => {
    const job = jobOf(ctx, input.job);
    mayImport(ctx, job.kind);
    // Anything written since the preview was checked could change a verdict: check again, and say so if it did.
    if (latestAudit(ctx) !== job.seen) {
      const before = JSON.stringify(job.checked.lines);
      check(ctx, job);
      if (JSON.stringify(job.checked.lines) !== before)
        throw new AppError('CONFLICT', '预览之后台账有了变化，已重新检查，请再看一遍预览后确认');
    }
    const p = preview(job, mayAddAreas(ctx));
    if (p.blocker) throw new AppError('VALIDATION', p.blocker);
    // Roles act on the next call: a preview that would make villages is confirmed only by one who may still add them.
    if (job.checked.plan.areas.length && !mayAddAreas(ctx))
      throw new AppError('FORBIDDEN', `只有${AREA_MAKERS}可以新建村（社区）`, 'createAreas');
    const done = p.counts.ok + p.counts.merge;
    const total =
      job.checked.plan.households.reduce((n, h) => n + h.members.length, 0) +
      job.checked.plan.entitlements.length +
      job.checked.plan.payments.length;
    job.progress = { ...job.progress, phase: 'writing', written: 0, total };
    const head = {
      kind: job.kind,
      fileName: job.fileName,
      sha256: job.sha256,
      sheet: job.sheets[job.sheet].name,
      rowsRead: p.counts.total,
      rowsDone: done,
      rowsLeft: p.counts.total - done,
    };
    const db = ctx.db;
    // One transaction across the yields: the dispatcher holds every other call until it ends (ctx.hold).
    const written = await ctx.hold(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const out = await writePlan(db, job.checked.plan, head, ctx.session.staff!.id, ctx.now, async (n) => {
          job.progress.written = n;
          await tick();
        });
        prep(db, 'INSERT OR REPLACE INTO import_mappings (shape, mapping, at) VALUES (?, ?, ?)').run(
          job.layout.shape,
          JSON.stringify(job.layout.mapping),
          isoCn(ctx.now),
        );
        // Each village made gets the row 设置 would give it: its history starts with this import.
        for (const a of out.areas)
          ctx.audit('area', a.id, null, { id: a.id, name: a.name, sortOrder: 0, active: true, importId: out.id });
        ctx.audit('import', out.id, null, { ...head, counts: out.counts });
        db.exec('COMMIT');
        return out;
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        job.progress.phase = 'failed';
        throw e;
      }
    });
    job.progress = { ...job.progress, phase: 'done', written: total };
    jobs.delete(job.id);
    return importRecord(db, written.id);
  },

  'imports.undo': (ctx, input) => {
    const kind = (
      prep(ctx.db, 'SELECT kind FROM imports WHERE id = ?').get(input.id) as { kind: ImportKind } | undefined
    )?.kind;
    if (!kind) throw new AppError('NOT_FOUND', '找不到这次导入');
    mayImport(ctx, kind);
    const undone = undoImport(ctx.db, input.id, ctx.session.staff!.id, ctx.now);
    ctx.audit('import', input.id, null, { what: '撤销导入', ...undone });
    return importRecord(ctx.db, input.id);
  },
} satisfies Partial<Handlers>;
