// A ledger with households and cases carried to approval through the real workflow, for the payments tests.
import type { Session } from '../../main/core/dispatch';
import { idNumberFor } from '../../main/demo/fictional';
import { dateCn } from '../../shared/domain/time';
import type { HouseholdDetail } from '../../shared/schemas/registry';
import { daysEarlier, must, type World, world } from './helpers';

export interface PaymentsWorld {
  w: World;
  admin: Session;
  clerk: Session;
  reviewer: Session;
  approver: Session;
  approver2: Session;
  /** A registered household of one person (head) in 东山村, with a 一卡通 account unless `account` is ''. */
  household(name: string, opts?: { account?: string; area?: number }): Promise<HouseholdDetail>;
  /** A case registered at the counter by the clerk; answers its id. */
  register(h: HouseholdDetail, kindCode: string, amount: string, reason?: string): Promise<number>;
  /** A case registered, investigated, reviewed, publicized (from 2026-11-10) and approved at `amount`. */
  approved(h: HouseholdDetail, kindCode: string, amount: string, reason?: string): Promise<number>;
  areaId: number;
  /** Moves the clock on and unlocks every session (the idle lock closes them meanwhile). */
  advanceDays(n: number): Promise<void>;
}

let serial = 0;

export async function paymentsWorld(): Promise<PaymentsWorld> {
  const w = await world();
  const admin = await w.admin();
  const areaId = must(await w.call(admin, 'areas.save', { name: '东山村' })).id;
  const clerk = await w.staff('clerk', ['clerk']);
  const reviewer = await w.staff('rev', ['reviewer']);
  const approver = await w.staff('appr', ['approver']);
  const approver2 = await w.staff('appr2', ['approver']);
  const register: PaymentsWorld['register'] = async (h, kindCode, amount, reason = '生活困难') => {
    const materials = w.materials(kindCode);
    const input = { householdId: h.id, personId: h.members[0].id, kindCode, reason, amount, materials };
    return must(await w.call(clerk, 'applications.register', input)).id;
  };
  return {
    w,
    admin,
    clerk,
    reviewer,
    approver,
    approver2,
    areaId,
    async advanceDays(n) {
      w.clock.advanceMinutes(n * 24 * 60);
      for (const [s, password] of [
        [admin, 'admin-pass-1'],
        [clerk, 'staff-pass-1'],
        [reviewer, 'staff-pass-1'],
        [approver, 'staff-pass-1'],
        [approver2, 'staff-pass-1'],
      ] as const)
        must(await w.call(s, 'session.unlock', { password }));
    },
    async household(name, opts = {}) {
      serial++;
      return must(
        await w.call(clerk, 'households.create', {
          areaId: opts.area ?? areaId,
          account: opts.account ?? `62170000000000${String(serial).padStart(5, '0')}`,
          members: [{ name, idNumber: idNumberFor('1950-01-01', serial, serial % 2 === 0), relation: '户主' }],
        }),
      );
    },
    register,
    async approved(h, kindCode, amount, reason) {
      const a = { id: await register(h, kindCode, amount, reason) };
      must(
        await w.call(clerk, 'applications.investigate', {
          id: a.id,
          investigators: ['李一', '王二'],
          visitedOn: dateCn(w.clock.now()),
          findings: '情况属实',
        }),
      );
      must(await w.call(reviewer, 'applications.review', { id: a.id, opinion: '同意' }));
      // The 公示 began eight days ago, so it is over today.
      const notice = (day: string) => w.call(reviewer, 'applications.publicize', { id: a.id, fromDate: day });
      must(await daysEarlier(w, reviewer, 8, notice));
      must(await w.call(approver, 'applications.approve', { id: a.id, amount }));
      return a.id;
    },
  };
}
