// The demo's 矛盾纠纷调解: two village mediators and a retired judge who volunteers, registered first, three disputes a
// month, each mediated in a session, most settled (written agreements numbered through the year, some oral), a few
// not settled or transferred, most followed up. Today: one dispute near its deadline, one past it, and one agreement
// still waiting for its follow-up visit.
import { addDays } from '../../shared/domain/workdays';
import type { DemoPlan } from './service';
import { DISPUTES } from './stories';

type Fate = 'written' | 'oral' | 'failed' | 'transferred' | 'withdrawn';
/** Of every 14 disputes: 8 written agreements, 3 oral, one not settled, one transferred, one withdrawn. */
const FATES: Fate[] = [
  'written',
  'oral',
  'written',
  'written',
  'failed',
  'written',
  'oral',
  'written',
  'transferred',
  'written',
  'written',
  'oral',
  'withdrawn',
  'written',
];

export function planDisputes(p: DemoPlan & { admin: string }): void {
  const { on, act, workday, r, clerk, admin } = p;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const mediators: number[] = [];
  on(workday(`${p.months[0]}-01`), 1, async () => {
    for (const [kind, unit] of [
      ['village', '村人民调解委员会'],
      ['village', '村人民调解委员会'],
      ['volunteer', '退休法官（志愿调解员）'],
    ] as const)
      mediators.push((await act(clerk, 'cadres.save', { name: p.folk.next().value!.name, kind, unit })).id);
  });

  /**
   * A dispute accepted on `day`, its story, and what becomes of it: concluded `after` days later as its fate says,
   * or left open; a settled one is usually followed up unless `visited` is false.
   */
  const dispute = (day: string, n: number, fate: Fate, after: number | null, visited = true) => {
    const [type, facts, terms] = DISPUTES[n % DISPUTES.length];
    const [a, b] = [p.folk.next().value!, p.folk.next().value!];
    on(day, 10, async () => {
      const d = await act(clerk, 'disputes.create', {
        acceptedOn: day,
        source: pick(['applied', 'applied', 'found', 'assigned', 'referred'] as const),
        type,
        areaId: pick(p.areaIds),
        parties: [
          { role: 'applicant', name: a.name, idNumber: r() < 0.6 ? a.idNumber : '', phone: a.phone, address: '' },
          { role: 'respondent', name: b.name, idNumber: '', phone: r() < 0.5 ? b.phone : '', address: '' },
        ],
        persons: 2 + Math.floor(r() * 4),
        amount: type === '婚姻家庭' || type === '邻里纠纷' ? '' : String(500 + Math.floor(r() * 60) * 500),
        facts,
        mediatorIds: r() < 0.3 ? mediators.slice(0, 2) : [pick(mediators)],
      });
      const session = workday(addDays(day, 3));
      on(session, 10, () =>
        act(clerk, 'disputes.session', {
          id: d.id,
          heldOn: session,
          place: '村调解室',
          attendees: `${a.name}、${b.name}、${d.mediators}`,
          statements: `${a.name}陈述了纠纷经过和诉求；${b.name}说明了自己的理由。`,
          proposal: terms,
          recorder: '',
        }),
      );
      if (after === null) return;
      const done = workday(addDays(day, after));
      const base = { id: d.id, concludedOn: done };
      if (fate === 'withdrawn')
        return on(done, 10, () => act(clerk, 'disputes.withdraw', { id: d.id, reason: '当事人已自行和解' }));
      if (fate === 'failed')
        return on(done, 10, () =>
          act(admin, 'disputes.conclude', {
            ...base,
            result: 'failed',
            route: pick(['litigation', 'arbitration'] as const),
            note: '双方对赔偿数额分歧过大',
          }),
        );
      if (fate === 'transferred')
        return on(done, 10, () =>
          act(admin, 'disputes.conclude', { ...base, result: 'transferred', to: '县人民调解委员会' }),
        );
      on(done, 10, () =>
        act(
          admin,
          'disputes.conclude',
          fate === 'oral'
            ? { ...base, result: 'oral', terms }
            : { ...base, result: 'written', terms, performance: '双方自行履行，村调委会监督。', copies: 3 },
        ),
      );
      const visit = workday(addDays(done, 10 + Math.floor(r() * 15)));
      if (visited && visit < p.today && r() < 0.85)
        on(visit, 10, () =>
          act(clerk, 'disputes.followUp', { id: d.id, visitedOn: visit, outcome: r() < 0.85 ? 'kept' : 'partly' }),
        );
    });
  };

  let n = 0;
  p.months.forEach((m, mi) => {
    for (let i = 0; i < 3; i++) {
      const day = workday(`${m}-${String(3 + ((i * 9 + mi) % 24)).padStart(2, '0')}`);
      // Concluded within the month as a rule; one in ten past the 30 days.
      const after = r() < 0.1 ? 33 + Math.floor(r() * 10) : 5 + Math.floor(r() * 20);
      if (addDays(day, after) < p.today) dispute(day, n, FATES[n++ % FATES.length], after);
    }
  });
  // Today: one due within days, one past its deadline, one agreement reached 40 days ago with no follow-up yet.
  dispute(workday(addDays(p.today, -27)), n++, 'written', null);
  dispute(workday(addDays(p.today, -36)), n++, 'written', null);
  dispute(workday(addDays(p.today, -55)), n++, 'written', 15, false);
}
