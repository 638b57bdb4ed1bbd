// The demo's 群众服务: 服务人员 of every type registered in January, 微心愿 taken through the year (accepted,
// claimed by members and units, fulfilled, some late, some declined), and 意见建议 answered on the spot or assigned
// on working days, some answered late, most revisited. Recent ones are still open today.
import type { Channel, Input, Output } from '../../shared/contract';
import { addDays, addWorkingDays, type Calendar, isWorkingDay } from '../../shared/domain/workdays';
import type { DemoPlace, FictionalPerson } from './fictional';
import { ANSWERS, claimUnits, SUGGESTIONS, WISH_DECLINES, WISHES } from './stories';

export interface DemoPlan {
  year: number;
  today: string;
  months: string[];
  areaIds: number[];
  cal: Calendar;
  r: () => number;
  folk: Generator<FictionalPerson>;
  place: DemoPlace;
  workday: (day: string) => string;
  on: (day: string, order: number, run: () => Promise<unknown>) => void;
  act: <C extends Channel>(who: string, channel: C, input: Input<C>) => Promise<Output<C>>;
  clerk: string;
  reviewer: string;
}

const KINDS = [
  ['member', 12],
  ['grid', 4],
  ['volunteer', 6],
  ['village', 4],
] as const;
const POSTS = ['扶贫帮困', '政策宣传', '法律援助', '医疗保健', '便民利民', '文化娱乐', '治安调解', '环境保护'];

export function planService(p: DemoPlan): void {
  const { on, act, workday, r, cal, clerk, reviewer } = p;
  const CLAIM_UNITS = claimUnits(p.place);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const wd = (day: string, n: number) => addWorkingDays(day, n, cal);
  const servers: number[] = [];
  const january = workday(`${p.year}-01-12`);
  on(january, 1, async () => {
    for (const [kind, n] of KINDS)
      for (let i = 0; i < n; i++) {
        const person = p.folk.next().value!;
        const member = kind === 'member';
        const s = await act(clerk, 'cadres.save', {
          name: person.name,
          kind,
          unit: member ? pick(CLAIM_UNITS) : '',
          phone: person.phone,
          partyMember: member || r() < 0.4,
          reportedOn: member ? january : null,
          post: member ? POSTS[i % POSTS.length] : null,
        });
        servers.push(s.id);
      }
  });

  // Yesterday's wish (the last working day) still waits for the reviewer today.
  let yesterday = addDays(p.today, -1);
  while (!isWorkingDay(yesterday, cal)) yesterday = addDays(yesterday, -1);
  on(yesterday, 8, () =>
    act(clerk, 'wishes.create', {
      resident: p.folk.next().value!.name,
      areaId: p.areaIds[0],
      content: WISHES[0][0],
      category: WISHES[0][1],
      channel: 'visit',
      collectedOn: yesterday,
    }),
  );

  // A suggestion taken three weeks ago and still in hand: overdue on 首页.
  const late = workday(addDays(p.today, -21));
  on(late, 9, async () => {
    const s = await act(clerk, 'suggestions.create', {
      content: SUGGESTIONS[0][0],
      channel: 'visit',
      category: SUGGESTIONS[0][1],
      areaId: p.areaIds[1] ?? p.areaIds[0],
      resident: p.folk.next().value!.name,
      collectedOn: late,
    });
    await act(clerk, 'suggestions.assign', { id: s.id, handler: '城建办', assignedOn: late, workingDays: 5 });
  });

  p.months.forEach((m, mi) => {
    // Five wishes and nine suggestions a month.
    for (let i = 0; i < 5; i++) {
      const day = workday(`${m}-${String(2 + ((i * 6 + mi) % 26)).padStart(2, '0')}`);
      const [content, category] = WISHES[(mi * 5 + i) % WISHES.length];
      const person = p.folk.next().value!;
      const fate = r();
      on(day, 8, async () => {
        const w = await act(clerk, 'wishes.create', {
          resident: person.name,
          phone: person.phone,
          areaId: pick(p.areaIds),
          content,
          category,
          channel: pick(['counter', 'box', 'visit', 'meeting'] as const),
          collectedOn: day,
        });
        const decided = wd(day, 2);
        if (fate < 0.04) on(decided, 8, () => act(clerk, 'wishes.withdraw', { id: w.id, reason: '群众已自行解决' }));
        else if (fate < 0.12)
          on(decided, 8, () =>
            act(reviewer, 'wishes.decide', {
              decision: 'decline',
              id: w.id,
              decidedOn: decided,
              reason: pick(WISH_DECLINES),
            }),
          );
        else {
          const dueOn = wd(decided, 15);
          on(decided, 8, () =>
            act(reviewer, 'wishes.decide', {
              decision: 'accept',
              id: w.id,
              decidedOn: decided,
              standard: '按群众需求办好、办实',
              dueOn,
            }),
          );
          const claimed = wd(decided, 1 + Math.floor(r() * 5));
          const group = r() < 0.25;
          on(claimed, 8, () =>
            act(clerk, 'wishes.claim', {
              id: w.id,
              cadreIds: servers.length ? [servers[(mi * 5 + i) % servers.length]] : [],
              units: group || !servers.length ? [pick(CLAIM_UNITS)] : [],
              claimedOn: claimed,
            }),
          );
          // Most on time; one in eight late.
          const fulfilled = wd(claimed, r() < 0.125 ? 20 : 3 + Math.floor(r() * 8));
          on(fulfilled, 8, () =>
            act(clerk, 'wishes.fulfil', {
              id: w.id,
              fulfilledOn: fulfilled,
              fulfilment: pick(['已按服务标准办好，群众签字确认', '认领人上门办理完毕', '已送达并现场交付']),
              value: r() < 0.5 ? String(50 + Math.floor(r() * 10) * 50) : '',
              feedback: pick(['很满意', '非常感谢', '满意']),
            }),
          );
        }
      });
    }
    for (let i = 0; i < 9; i++) {
      const day = workday(`${m}-${String(1 + ((i * 3 + mi) % 27)).padStart(2, '0')}`);
      const [content, category] = SUGGESTIONS[(mi * 9 + i) % SUGGESTIONS.length];
      const person = p.folk.next().value!;
      const spot = category === '政策咨询' || r() < 0.15;
      const channel = pick(['visit', 'meeting', 'counter', 'phone', '12345', 'wechat'] as const);
      on(day, 9, async () => {
        const s = await act(clerk, 'suggestions.create', {
          content,
          channel,
          category,
          areaId: pick(p.areaIds),
          resident: r() < 0.2 ? '' : person.name,
          collectedBy: servers.length && r() < 0.6 ? pick(servers) : undefined,
          collectedOn: day,
          answerNow: spot ? { answer: '已现场解答，群众表示理解', result: 'resolved' } : undefined,
        });
        const answered = spot ? day : wd(day, r() < 0.1 ? 14 : 1 + Math.floor(r() * 6));
        if (!spot) {
          const assigned = wd(day, 1);
          on(assigned, 9, () =>
            act(clerk, 'suggestions.assign', {
              id: s.id,
              handler: pick(['村委会', '城建办', '派出所', '卫生院', '民政办']),
              assignedOn: assigned,
              workingDays: 7,
            }),
          );
          const result = r() < 0.85 ? 'resolved' : r() < 0.5 ? 'partial' : 'unresolved';
          on(answered, 9, () =>
            act(clerk, 'suggestions.answer', {
              id: s.id,
              answeredOn: answered,
              answer: pick(ANSWERS),
              result,
              resultReason: result === 'resolved' ? '' : '需上级资金支持，已向上反映',
            }),
          );
        }
        if (r() < 0.6) {
          const revisited = wd(answered, 5);
          on(revisited, 9, () =>
            act(clerk, 'suggestions.revisit', {
              id: s.id,
              revisitedOn: revisited,
              revisit: r() < 0.9 ? 'satisfied' : 'unsatisfied',
            }),
          );
        }
      });
    }
  });
}
