// `--demo`: a fictional township's whole year, walked through the same dispatcher the counter uses on a clock the
// demo moves: cases of every kind in every state, a monthly payroll with bank failures re-issued, a reversal, closed
// months, cadres with their pairings, visits and aid, service cards, 微心愿, 意见建议 and 矛盾纠纷调解. Into an empty ledger
// only, in one transaction (all or nothing), and seeded: the same ledger every time for the same day.
import type { Channel, Input, Output } from '../../shared/contract';
import { addMonths, dateCn, isoCn, monthOf } from '../../shared/domain/time';
import { addDays, addWorkingDays, isWorkingDay } from '../../shared/domain/workdays';
import type { DemoAccounts } from '../../shared/schemas/staff';
import { reliefKind } from '../cases/applications';
import { loadCalendar } from '../cases/calendar';
import { writeAudit } from '../core/auditRows';
import { createDispatcher, seatOf, type Session } from '../core/dispatch';
import type { Ledger } from '../core/ledger';
import { putSetting } from '../core/settings';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_STAFF } from '../db/demoAccounts';
import { prep } from '../db/open';
import { handlers } from '../handlers';
import { insertStaff } from '../staff/staff';
import { planDisputes } from './disputes';
import { demoPlace, people, rng } from './fictional';
import { type DemoHousehold, seedHouseholds } from './seed';
import { planService } from './service';
import { type CaseKind, CASES, FINDINGS, REJECTIONS, VISIT_AID, VISIT_PROBLEMS, VISIT_TALK } from './stories';

// The demo's accounts live in accounts.ts, where the key file's demo flag finds them for the sign-in screen.
export { DEMO_PASSWORD } from '../db/demoAccounts';
const STAFF = DEMO_STAFF;
const MONTHLY_VISITS = ['tekun', 'severe_disability', 'elderly_alone'];
const UNITS = ['镇党委办公室', '镇政府办公室', '镇民政办', '镇财政所', '镇农业服务中心', '镇卫生院', '镇中心学校'];

export interface DemoSummary {
  from: string;
  households: number;
  persons: number;
  cases: number;
  payments: number;
}

/** The year the demo shows in full: this one from July on, the last one before (then it runs on to today). */
export const demoYear = (today: string) => Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 7 ? 1 : 0);

/** `opts.township`: another demo township (demoPlace: its center, villages and people), for a county of several. */
export async function seedDemo(
  ledger: Ledger,
  now: Date,
  opts: { township?: string } = {},
): Promise<DemoSummary | null> {
  const { db } = ledger;
  const filled = prep(db, 'SELECT (SELECT count(*) FROM households) + (SELECT count(*) FROM staff) AS n').get() as {
    n: number;
  };
  if (filled.n > 0) return null; // only ever into an empty ledger
  const end = now.getTime();
  const year = demoYear(dateCn(now));
  const from = `${year}-01-01`;
  let t = new Date(`${from}T08:30:00+08:00`).getTime();
  const dispatcher = createDispatcher(ledger, handlers, { clock: () => new Date(t) });
  const place = demoPlace(opts.township);
  const r = rng(20260101 + place.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const cal = loadCalendar(db);
  const workday = (day: string) => (isWorkingDay(day, cal) ? day : addWorkingDays(day, 1, cal));

  // Events: each at a day and an order within it; run in time order, and those after `now` never happen.
  const events: { at: number; seq: number; run: () => Promise<unknown> }[] = [];
  const on = (day: string, order: number, run: () => Promise<unknown>) => {
    const at = new Date(`${day}T09:00:00+08:00`).getTime() + order * 60_000;
    if (at <= end) events.push({ at, seq: events.length, run });
  };

  db.exec('BEGIN IMMEDIATE');
  try {
    const seats = new Map<string, Session>();
    for (const s of STAFF) {
      const row = insertStaff(db, ledger.keys, new Date(t), { ...s, password: DEMO_PASSWORD });
      seats.set(s.username, { staff: seatOf(db, row.id).staff, locked: false, lastSeen: t });
    }
    const act = async <C extends Channel>(who: string, channel: C, input: Input<C>): Promise<Output<C>> => {
      const session = seats.get(who)!;
      session.lastSeen = t; // the demo's staff are at their desks every day: no idle lock between events
      const res = await dispatcher.dispatch(session, channel, input);
      if (!res.ok)
        throw new Error(
          `演示数据：${new Date(t).toISOString()} ${channel} 未能完成：${res.error.message} ${JSON.stringify(input).slice(0, 200)}`,
        );
      return res.value as Output<C>;
    };
    const [admin, clerk, reviewer, approver] = STAFF.map((s) => s.username);
    putSetting(db, 'center', {
      name: place.center,
      address: place.address,
      hotline: '0000-1234567',
      officeHours: '周一至周五 8:30–12:00，14:00–17:30',
      idleLockMinutes: 15,
    });
    const accounts: DemoAccounts = DEMO_ACCOUNTS;
    putSetting(db, 'demo', accounts);

    const households = seedHouseholds(db, new Date(t), place);
    const heads = new Map(
      (
        prep(db, `SELECT household_id AS h, id FROM persons WHERE relation = '户主'`).all() as {
          h: number;
          id: number;
        }[]
      ).map((p) => [p.h, p.id]),
    );
    const lastMonth = monthOf(dateCn(now));
    const months: string[] = [];
    for (let m = from.slice(0, 7); m <= lastMonth; m = addMonths(m, 1)) months.push(m);

    // Cases: each walks its steps on working days; the ones begun lately are still on their way today.
    const free = [...households];
    const take = (ok: (h: DemoHousehold) => boolean) => {
      const i = free.findIndex(ok);
      return i < 0 ? null : free.splice(i, 1)[0];
    };
    const walk = (day: string, h: DemoHousehold, kind: CaseKind, fate: Fate) => {
      const person = heads.get(h.id)!;
      const amount = String(kind.amounts[Math.floor(r() * kind.amounts.length)]);
      const reason = pick(kind.reasons);
      const all = reliefKind(db, kind.code).materials;
      const materials = fate === 'missing' ? all.slice(0, 2) : all;
      let id = 0;
      const d = (n: number) => addWorkingDays(day, n, cal);
      on(day, 1, async () => {
        id = (
          await act(clerk, 'applications.register', {
            householdId: h.id,
            personId: person,
            kindCode: kind.code,
            reason,
            amount,
            materials,
          })
        ).id;
      });
      if (fate === 'missing') return;
      if (fate === 'withdrawn')
        return on(d(2), 2, () => act(clerk, 'applications.withdraw', { id, reason: '申请人家庭情况好转，主动撤回' }));
      if (fate === 'urgent' || fate === 'urgentOpen') {
        on(day, 2, () =>
          act(approver, 'applications.urgentApprove', { id, amount, reason: '情况紧急，先行救助，后补材料' }),
        );
        on(day, 3, () =>
          act(clerk, 'payments.pay', { applicationId: id, amount, method: 'cash', paidOn: day, note: '先行救助' }),
        );
        if (fate === 'urgent')
          on(d(4), 4, () => act(clerk, 'applications.completePaperwork', { id, note: '已补齐调查报告和证明材料' }));
        return;
      }
      const investigate = (n: number) =>
        on(d(n), 2, () =>
          act(clerk, 'applications.investigate', {
            id,
            investigators: ['李晓燕', pick(['王建', '刘芳', '孙强'])],
            visitedOn: d(n),
            findings: pick(FINDINGS),
          }),
        );
      investigate(1);
      if (fate === 'stalled') return;
      if (fate === 'reviewed')
        return on(d(2), 3, () => act(reviewer, 'applications.review', { id, opinion: '情况属实，同意上报' }));
      if (fate === 'rejected')
        return on(d(3), 3, () => act(approver, 'applications.reject', { id, reason: pick(REJECTIONS) }));
      let k = 2;
      if (fate === 'objection') {
        on(d(2), 3, () => act(reviewer, 'applications.review', { id, opinion: '情况属实，同意上报' }));
        on(d(2), 4, () => act(reviewer, 'applications.publicize', { id, fromDate: d(2) }));
        on(d(4), 3, () =>
          act(clerk, 'applications.object', { id, objection: '有村民反映其子女有稳定收入，家庭收入核算有误' }),
        );
        k = 6;
      }
      on(d(k), 3, () => act(reviewer, 'applications.review', { id, opinion: '经审核，符合救助条件，同意上报' }));
      on(d(k), 4, () => act(reviewer, 'applications.publicize', { id, fromDate: d(k) }));
      const decided = workday(addDays(d(k), 8));
      if (fate === 'awaiting') return;
      on(decided, 5, () => act(approver, 'applications.approve', { id, amount }));
      if (kind.monthly) {
        const start = monthOf(decided);
        return on(decided, 6, () =>
          act(clerk, 'entitlements.save', { applicationId: id, startMonth: start, endMonth: null }),
        );
      }
      if (fate === 'unpaid') return;
      const paid = addWorkingDays(decided, 1, cal);
      const pay = (method: 'cash' | 'bank') =>
        act(clerk, 'payments.pay', { applicationId: id, amount, method, paidOn: paid, note: '' });
      on(paid, 6, () => pay(fate === 'corrected' ? 'cash' : 'bank'));
      if (fate === 'corrected') {
        on(paid, 7, async () => {
          const p = prep(db, 'SELECT id FROM payments WHERE application_id = ? ORDER BY id DESC LIMIT 1').get(id) as {
            id: number;
          };
          await act(approver, 'payments.reverse', { id: p.id, reason: '发放方式录错，应打卡发放' });
        });
        on(paid, 8, () => pay('bank'));
      }
    };

    // The year's monthly entitlements begin in January; a few more are added as the year goes on.
    const first = workday(`${from.slice(0, 7)}-05`);
    for (const kind of CASES.filter((c) => c.monthly))
      for (let i = 0; i < kind.perYear; i++) {
        const h = take((x) => x.categories.some((c) => kind.categories.includes(c)));
        if (!h) break;
        const day =
          i < kind.perYear * 0.8 ? first : workday(`${pick(months.slice(1, -1))}-${pick(['06', '12', '18'])}`);
        walk(day, h, kind, 'paid');
      }
    // One-off cases month by month, with their fates.
    const oneOff = CASES.filter((c) => !c.monthly);
    months.forEach((m, i) => {
      for (const kind of oneOff) {
        const spread = kind.months?.length ?? 12;
        if (kind.months && !kind.months.includes(Number(m.slice(5)))) continue;
        const n = Math.floor(kind.perYear / spread) + (r() < (kind.perYear % spread) / spread ? 1 : 0);
        for (let j = 0; j < n; j++) {
          const h = take((x) => kind.categories.length === 0 || x.categories.some((c) => kind.categories.includes(c)));
          if (!h) continue;
          const x = r();
          const fate: Fate = x < 0.1 ? 'rejected' : x < 0.15 ? 'withdrawn' : 'paid';
          walk(workday(`${m}-${String(2 + Math.floor(r() * 24)).padStart(2, '0')}`), h, kind, fate);
        }
      }
      if (i === 3)
        walk(
          workday(`${m}-08`),
          take(() => true)!,
          oneOff[0],
          'objection',
        );
      if (i === 5)
        walk(
          workday(`${m}-15`),
          take(() => true)!,
          oneOff[0],
          'urgent',
        );
    });
    const today = dateCn(now);
    const back = (n: number) => {
      let day = today;
      for (let k = 0; k < n;) if (isWorkingDay((day = addDays(day, -1)), cal)) k++;
      return day;
    };
    // The last weeks: cases still on their way today, so that every queue of 首页 has something in it.
    const lately: [number, number, Fate][] = [
      [25, 1, 'stalled'],
      [16, 0, 'stalled'],
      [14, 0, 'unpaid'],
      [12, 0, 'corrected'],
      [12, 1, 'awaiting'],
      [8, 1, 'stalled'],
      [6, 0, 'urgentOpen'],
      [4, 0, 'reviewed'],
      [2, 2, 'missing'],
    ];
    for (const [days, kind, fate] of lately)
      walk(
        back(days),
        take(() => true)!,
        oneOff[kind],
        fate,
      );

    // The payroll: a batch posted on the 20th of every past month, the bank's results two working days later (a few
    // failures, re-issued by the next batch), each month closed on the 5th of the next; this month's batch waits for
    // approval.
    months.forEach((m, i) => {
      let batch = 0;
      on(workday(`${m}-${m === lastMonth ? '01' : '20'}`), 20, async () => {
        batch = (await act(clerk, 'payroll.create', { month: m, kindCode: null })).id;
      });
      if (m === lastMonth) return;
      const posted = workday(`${m}-20`);
      on(posted, 21, () => act(approver, 'payroll.approve', { id: batch }));
      on(addWorkingDays(posted, 2, cal), 20, async () => {
        const rows = prep(db, 'SELECT account, amount_fen AS fen FROM payments WHERE batch_id = ? ORDER BY id').all(
          batch,
        ) as {
          account: string;
          fen: number;
        }[];
        const failed = i % 4 === 2 ? new Set([3, 11]) : new Set<number>();
        const lines = rows.map((p, k) =>
          [
            p.account,
            (p.fen / 100).toFixed(2),
            failed.has(k) ? '失败' : '成功',
            failed.has(k) ? '账户已销户' : '',
          ].join(','),
        );
        const content = ['账号,金额,状态,说明', ...lines].join('\n');
        await act(approver, 'payroll.importBankResults', { batchId: batch, fileName: `${m}回盘.csv`, content });
      });
      on(workday(`${addMonths(m, 1)}-05`), 1, () => act(admin, 'months.close', { month: m }));
    });

    // 结对帮扶: cadres paired in January with the households most in need, visited every quarter, with aid.
    const cadres: number[] = [];
    const folk = people(77 + place.seed, 1000, place.region);
    on(workday(`${from.slice(0, 7)}-06`), 1, async () => {
      for (let i = 0; i < 24; i++) {
        const p = folk.next().value!;
        const unit = i < 6 ? pick(UNITS) : `${place.areas[i % 4]}村委会`;
        cadres.push(
          (await act(clerk, 'cadres.save', { name: p.name, unit, partyMember: r() < 0.85, phone: p.phone })).id,
        );
      }
    });
    const needy = households.filter((h) =>
      h.categories.some((c) => ['dibao', 'tekun', 'elderly_alone', 'severe_disability'].includes(c)),
    );
    const paired = needy.slice(0, 110);
    const pairedOn = workday(`${from.slice(0, 7)}-08`);
    paired.forEach((h, i) => {
      const cadre = () => cadres[i % cadres.length];
      on(pairedOn, 2, () =>
        act(clerk, 'pairings.start', { householdId: h.id, cadreId: cadre(), role: 'primary', fromDate: pairedOn }),
      );
      for (const [q, m] of months.entries()) {
        // From February, as often as the cadence asks (monthly for 特困, 重度残疾 and 独居老人, else quarterly); a
        // few of the latest visits are still to be made; the first household's new cadre (June) has not been yet.
        const every = h.categories.some((c) => MONTHLY_VISITS.includes(c)) ? 1 : 3;
        const skip = q === 0 || (q === months.length - 1 && i % 7 === 0) || (i === 0 && m >= `${year}-06`);
        if (skip || q % every !== i % every) continue;
        const day = workday(`${m}-${String(3 + ((i * 7) % 22)).padStart(2, '0')}`);
        const aid = r() < 0.35 ? [pick(VISIT_AID)] : [];
        const problems = r() < 0.12 ? [{ description: pick(VISIT_PROBLEMS) }] : [];
        on(day, 3, async () => {
          const v = await act(clerk, 'visits.create', {
            householdId: h.id,
            cadreId: cadre(),
            visitedOn: day,
            mode: r() < 0.8 ? 'home' : 'phone',
            findings: pick(VISIT_TALK),
            actions: aid.length ? '送去慰问物资' : '宣讲救助政策',
            problems,
            aid,
          });
          if (problems.length && r() < 0.6)
            on(workday(addDays(day, 20)), 4, () =>
              act(clerk, 'visits.resolveProblem', {
                id: v.problems[0].id,
                resolvedOn: workday(addDays(day, 20)),
                resolution: '已协调相关部门解决',
              }),
            );
        });
      }
    });
    // A cadre moves on in June: the household gets a new one.
    const june = workday(`${year}-06-10`);
    on(june, 5, () =>
      act(clerk, 'pairings.start', {
        householdId: paired[0].id,
        cadreId: cadres[cadres.length - 1],
        role: 'primary',
        fromDate: june,
      }),
    );
    // Service cards for the paired households in February; one lost card re-issued in July.
    on(workday(`${year}-02-20`), 6, () =>
      act(clerk, 'cards.issue', { householdIds: paired.map((h) => h.id), format: 'a4' }),
    );
    on(workday(`${year}-07-15`), 6, () =>
      act(clerk, 'cards.issue', { householdIds: [paired[5].id], format: 'cr80', reissue: true }),
    );
    // A household moves away in September.
    const leaving = take((x) => !paired.includes(x))!;
    const moved = workday(`${year}-09-14`);
    on(moved, 7, () => act(clerk, 'households.exit', { id: leaving.id, exitedOn: moved, reason: '全户迁往外省' }));

    const plan = {
      year,
      today: dateCn(now),
      months,
      areaIds: (prep(db, 'SELECT id FROM areas ORDER BY sort_order, id').all() as { id: number }[]).map((a) => a.id),
      cal,
      r,
      folk,
      place,
      workday,
      on,
      act,
      clerk,
      reviewer,
    };
    planService(plan);
    planDisputes({ ...plan, admin });

    // Events may add events (a problem resolved later): run until none is left.
    const order = (a: (typeof events)[number], b: (typeof events)[number]) => a.at - b.at || a.seq - b.seq;
    events.sort(order);
    for (let i = 0; i < events.length; i++) {
      const known = events.length;
      t = events[i].at;
      await events[i].run();
      if (events.length > known) events.push(...events.splice(i + 1).sort(order)); // a later event it added
    }
    const summary = prep(
      db,
      `SELECT (SELECT count(*) FROM households) AS households, (SELECT count(*) FROM persons) AS persons,
        (SELECT count(*) FROM applications) AS cases, (SELECT count(*) FROM payments) AS payments`,
    ).get() as Omit<DemoSummary, 'from'>;
    writeAudit(db, {
      at: isoCn(now),
      staffId: null,
      channel: 'demo.seed',
      entity: 'ledger',
      entityId: null,
      before: null,
      after: { from, ...summary },
    });
    db.exec('COMMIT');
    ledger.keys.describe(place.center, true);
    return { from, ...summary };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

type Fate =
  | 'paid'
  | 'rejected'
  | 'withdrawn'
  | 'objection'
  | 'urgent'
  | 'urgentOpen'
  | 'stalled'
  | 'reviewed'
  | 'awaiting'
  | 'unpaid'
  | 'missing'
  | 'corrected';
