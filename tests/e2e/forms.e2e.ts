// Every form of a clerk's day filled by keyboard alone (issue 31.1), on the demo year: Tab to a field, type, Enter in
// a picker, arrows in a choice of options, Space on a box. Each multi-select takes two choices by Enter and is left by
// Tab, which must keep both. Then the saved record is read back through the API, field by field.
import { expect, type Locator, type Page, test } from '@playwright/test';

import { idNumberFor } from '../../main/demo/fictional';
import { DEMO_PASSWORD } from '../../main/demo/year';
import { type Host, startHost } from './host';
import { api, signIn } from './session';

let host: Host;
test.beforeAll(async () => {
  host = await startHost({ args: ['--demo'] });
});
test.afterAll(async () => {
  expect(await host.stop()).toBe(0);
});

test.beforeEach(async ({ page }) => {
  await page.goto(host.url);
  // The host keeps one session: the test before may have left it signed in.
  const signOut = page.getByRole('button', { name: '退出登录' });
  await expect(signOut.or(page.getByRole('button', { name: '登录', exact: true }))).toBeVisible();
  if (await signOut.isVisible()) await signOut.click();
  await signIn(page, 'shouli', DEMO_PASSWORD);
  await expect(page.getByTestId('signed-in')).toBeVisible();
});

/** Tab (never the mouse) until the focus is in `target`. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

async function typeInto(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

/** In a picker: type, then arrows down (if the typing found others first) to the option, Enter. */
async function pick(page: Page, target: Locator, typed: string, option: string | RegExp = typed) {
  await tabTo(page, target);
  await page.keyboard.type(typed);
  const active = page.locator('.ant-select-item-option-active', { hasText: option });
  await expect(page.locator('.ant-select-item-option', { hasText: option }).first()).toBeVisible();
  for (let i = 0; i < 12 && !(await active.isVisible()); i++) await page.keyboard.press('ArrowDown');
  await expect(active).toBeVisible();
  await page.keyboard.press('Enter');
}

/** In a picker without typing: arrows down to the option, Enter. */
async function arrowTo(page: Page, target: Locator, option: string) {
  await tabTo(page, target);
  const active = page.locator('.ant-select-item-option-active', { hasText: option });
  for (let i = 0; i < 12 && !(await active.isVisible()); i++) await page.keyboard.press('ArrowDown');
  await expect(active).toBeVisible();
  await page.keyboard.press('Enter');
}

/** A multi-select: each value chosen by Enter, then Tab leaves it — and every choice is still there. */
async function pickSeveral(page: Page, target: Locator, picks: [typed: string, option: string, exact?: RegExp][]) {
  for (const [typed, option, exact] of picks) await pick(page, target, typed, exact ?? option);
  const box = target.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  for (const [, option] of picks) await expect(box).toContainText(option);
  await page.keyboard.press('Tab');
  await expect(target).not.toBeFocused();
  for (const [, option] of picks) await expect(box, `Tab kept ${option}`).toContainText(option);
}

/** The dialog's button, reached by Tab and pressed with Enter. */
async function press(page: Page, button: Locator) {
  await tabTo(page, button);
  await page.keyboard.press('Enter');
}

const HEAD = { name: '钟秀兰', id: idNumberFor('1958-03-09', 41, true) };
const SON = { name: '钟国强', id: idNumberFor('1985-11-20', 42, false) };

test('登记新户 with two members and two 困难类别, then 受理申请 for it', async ({ page }) => {
  const k = page.keyboard;
  await page.goto(`${host.base}#/ledger/new`);
  await expect(page.getByRole('combobox', { name: '村/社区' })).toBeFocused();
  await pick(page, page.locator('#areaId'), '东山', '东山村');
  await typeInto(page, page.locator('#members_0_name'), HEAD.name);
  await typeInto(page, page.locator('#members_0_idNumber'), HEAD.id);
  await typeInto(page, page.locator('#members_0_phone'), '13900001111');
  await pick(page, page.locator('#members_0_disabilityType'), '肢体');
  await arrowTo(page, page.locator('#members_0_disabilityGrade'), '2 级');
  await typeInto(page, page.locator('#members_0_disabilityCert'), 'C2025001');
  await k.press('Alt+N');
  await expect(page.locator('#members_1_name')).toBeFocused();
  await k.type(SON.name);
  await typeInto(page, page.locator('#members_1_idNumber'), SON.id);
  await pick(page, page.locator('#members_1_relation'), '子女');
  await typeInto(page, page.locator('#address'), '东山村3组12号');
  await typeInto(page, page.locator('#phone'), '0571-5550123');
  await pickSeveral(page, page.locator('#categories'), [
    ['低保', '低保', /^低保$/],
    ['残疾', '困难残疾', /^困难残疾$/],
  ]);
  await typeInto(page, page.locator('#bankName'), '农商银行');
  await typeInto(page, page.locator('#account'), '6228480012345678');
  await typeInto(page, page.locator('#notes'), '键盘登记');
  await page.screenshot({ path: 'test-results/forms-register.png', fullPage: true });
  await k.press('Control+Enter');
  await expect(page).toHaveURL(/#\/ledger\/household\/\d+$/);
  const householdId = Number(/household\/(\d+)/.exec(page.url())![1]);

  const h = await api<{
    area: string;
    headName: string;
    address: string;
    phone: string;
    bankName: string;
    accountTail: string;
    notes: string;
    members: { name: string; relation: string; phone?: string; disabilityType?: string; disabilityGrade?: number }[];
    categories: { name: string; toDate: string | null }[];
  }>(host, 'households.get', { id: householdId });
  expect(h.area).toBe('东山村');
  expect(h.headName).toBe(HEAD.name);
  expect(h.address).toBe('东山村3组12号');
  expect(h.phone).toBe('0571-5550123');
  expect(h.bankName).toBe('农商银行');
  expect(h.accountTail).toBe('****5678');
  expect(h.notes).toBe('键盘登记');
  expect(h.members.map((m) => [m.name, m.relation])).toEqual([
    [HEAD.name, '户主'],
    [SON.name, '子女'],
  ]);
  expect(h.members[0]).toMatchObject({ disabilityType: '肢体', disabilityGrade: 2 });
  expect(h.categories.map((c) => c.name).sort()).toEqual(['低保', '困难残疾'].sort());

  // 受理申请 for the new household, found by its head's name.
  await page.goto(`${host.base}#/applications/new`);
  await pick(page, page.locator('#householdId'), HEAD.name, `户号 ${householdId}`);
  await arrowTo(page, page.locator('#personId'), SON.name);
  await pick(page, page.locator('#kindCode'), '医疗', '医疗救助');
  await typeInto(page, page.locator('#amount'), '3,000');
  await typeInto(page, page.locator('#reason'), '住院自付费用较高');
  // The first two materials, ticked with Space.
  const boxes = page.locator('#materials input[type="checkbox"]');
  for (const i of [0, 1]) {
    await tabTo(page, boxes.nth(i));
    await k.press('Space');
  }
  const ticked = await page.locator('#materials .ant-checkbox-wrapper-checked').allTextContents();
  expect(ticked).toHaveLength(2);
  await page.screenshot({ path: 'test-results/forms-application.png', fullPage: true });
  await press(page, page.getByRole('button', { name: '受理', exact: true }));
  await expect(page).toHaveURL(/#\/applications\/\d+$/);
  const a = await api<{
    householdId: number;
    personName: string;
    kind: string;
    requestedFen: number;
    reason: string;
    materialsReceived: string[];
  }>(host, 'applications.get', { id: Number(/applications\/(\d+)/.exec(page.url())![1]) });
  expect(a).toMatchObject({ householdId, personName: SON.name, requestedFen: 300_000, reason: '住院自付费用较高' });
  expect(a.kind).toContain('医疗救助');
  expect(a.materialsReceived).toEqual(ticked);
});

/** The dialog that opened, its first field focused. */
async function dialogOpened(page: Page, title: string): Promise<Locator> {
  const dialog = page.getByRole('dialog').filter({ hasText: title });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('发放 of an approved case, by keyboard', async ({ page }) => {
  // A one-off case approved and not yet paid.
  const approved = await api<{ rows: { id: number }[] }>(host, 'applications.list', { state: 'approved', limit: 50 });
  let caseId = 0;
  for (const { id } of approved.rows) {
    const c = await api<{ recurrence: string; remainingFen: number }>(host, 'payments.ofCase', { applicationId: id });
    if (c.recurrence === 'one_off' && c.remainingFen > 10_000) {
      caseId = id;
      break;
    }
  }
  expect(caseId).toBeGreaterThan(0);
  await page.goto(`${host.base}#/applications/${caseId}`);
  await press(page, page.getByRole('button', { name: '发放', exact: true }));
  const dialog = await dialogOpened(page, '发放');
  const amount = dialog.getByLabel('发放金额（元）');
  await expect(amount).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('100');
  // 发放方式: from 现金 to the next with an arrow.
  await tabTo(page, dialog.getByRole('radio').first());
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio').nth(1)).toBeChecked();
  await typeInto(page, dialog.getByLabel('备注'), '键盘发放');
  await page.screenshot({ path: 'test-results/forms-payment.png' });
  await press(page, dialog.getByRole('button', { name: '确定' }));
  await expect(page).toHaveURL(/#\/print\/payment\/\d+$/);
  const p = await api<{ amountFen: number; method: string; note: string; applicationId: number }>(
    host,
    'payments.get',
    {
      id: Number(/payment\/(\d+)/.exec(page.url())![1]),
    },
  );
  expect(p).toMatchObject({ amountFen: 10_000, method: 'bank', note: '键盘发放', applicationId: caseId });
});

test('结对 a cadre and 登记走访, by keyboard', async ({ page }) => {
  const lone = await api<{ rows: { id: number }[] }>(host, 'pairings.unpaired', { limit: 1 });
  const householdId = lone.rows[0].id;
  const cadres = await api<{ rows: { id: number; name: string }[] }>(host, 'cadres.list', {
    kind: 'official',
    active: true,
    limit: 1,
  });
  const cadre = cadres.rows[0];
  await page.goto(`${host.base}#/ledger/household/${householdId}?tab=pairings`);
  await press(page, page.getByRole('button', { name: '结对 / 更换帮扶干部' }));
  let dialog = await dialogOpened(page, '结对帮扶干部');
  await pick(page, dialog.getByLabel('帮扶干部'), cadre.name);
  await press(page, dialog.getByRole('button', { name: '保存' }));
  await expect(dialog).toBeHidden();
  const pairings = await api<{ current: { cadreId: number; role: string }[] }>(host, 'pairings.ofHousehold', {
    householdId,
  });
  expect(pairings.current).toEqual([expect.objectContaining({ cadreId: cadre.id, role: 'primary' })]);

  await press(page, page.getByRole('button', { name: '登记走访' }));
  dialog = await dialogOpened(page, '登记走访');
  // 方式: from 入户 to 电话 with an arrow.
  await tabTo(page, dialog.getByRole('radio', { name: '入户' }));
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio', { name: '电话' })).toBeChecked();
  await typeInto(page, dialog.getByLabel('了解的情况'), '老人腿脚不便');
  await typeInto(page, dialog.getByLabel('开展的帮扶'), '联系村医上门');
  await page.screenshot({ path: 'test-results/forms-visit.png' });
  await press(page, dialog.getByRole('button', { name: '保存' }));
  await expect(dialog).toBeHidden();
  const visits = await api<{ rows: { cadreId: number; mode: string; findings: string; actions: string }[] }>(
    host,
    'visits.list',
    { householdId, limit: 5 },
  );
  expect(visits.rows[0]).toMatchObject({
    cadreId: cadre.id,
    mode: 'phone',
    findings: '老人腿脚不便',
    actions: '联系村医上门',
  });
});

/** Two people on duty, to type into the pickers of several 服务人员. */
async function twoServers(): Promise<{ id: number; name: string }[]> {
  const r = await api<{ rows: { id: number; name: string }[] }>(host, 'cadres.list', { active: true, limit: 50 });
  // Names that their first two characters find alone.
  const rows = r.rows.filter((c) => r.rows.filter((o) => o.name.startsWith(c.name.slice(0, 2))).length === 1);
  return rows.slice(0, 2);
}

test('登记心愿 and 认领 by two people, by keyboard', async ({ page }) => {
  await page.goto(`${host.base}#/service/wishes`);
  await press(page, page.getByRole('button', { name: '登记心愿' }));
  const dialog = await dialogOpened(page, '登记心愿');
  await expect(dialog.getByLabel('心愿人')).toBeFocused();
  await page.keyboard.type('何大爷');
  await typeInto(page, dialog.getByLabel('电话'), '13800002222');
  await arrowTo(page, dialog.getByLabel('村/社区'), '西河村');
  await typeInto(page, dialog.getByLabel('心愿内容'), '想要一台收音机');
  await arrowTo(page, dialog.getByLabel('心愿类别'), '便民利民');
  await tabTo(page, dialog.getByRole('radio', { name: '窗口' }));
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio', { name: '心愿箱' })).toBeChecked();
  await page.screenshot({ path: 'test-results/forms-wish.png' });
  await press(page, dialog.getByRole('button', { name: '登记' }));
  await expect(page).toHaveURL(/#\/service\/wish\/\d+$/);
  const wishId = Number(/wish\/(\d+)/.exec(page.url())![1]);
  const w = await api<{
    resident: string;
    phone: string;
    area: string;
    content: string;
    category: string;
    channel: string;
  }>(host, 'wishes.get', { id: wishId });
  expect(w).toMatchObject({
    resident: '何大爷',
    phone: '13800002222',
    area: '西河村',
    content: '想要一台收音机',
    category: '便民利民',
    channel: 'box',
  });

  // 认领: a wish already 审定, claimed by two 服务人员 and a unit.
  // (A wish of the demo 审定 and not yet claimed; else one claimed, which takes more.)
  const [accepted, claimedAlready] = await Promise.all(
    (['accepted', 'claimed'] as const).map((status) =>
      api<{ rows: { id: number }[] }>(host, 'wishes.list', { status, limit: 1 }),
    ),
  );
  const wish = accepted.rows[0] ?? claimedAlready.rows[0];
  const before = await api<{ claims: { name: string }[] }>(host, 'wishes.get', { id: wish.id });
  const servers = await twoServers();
  await page.goto(`${host.base}#/service/wish/${wish.id}`);
  await press(page, page.getByRole('button', { name: accepted.rows[0] ? '认领' : '追加认领', exact: true }));
  const claim = await dialogOpened(page, '认领心愿');
  const who = claim.getByRole('combobox', { name: '认领的服务人员' });
  await expect(who).toBeFocused();
  await pickSeveral(
    page,
    who,
    servers.map((s) => [s.name.slice(0, 2), s.name]),
  );
  await typeInto(page, claim.getByRole('combobox', { name: '认领单位' }), '县供电公司');
  await page.keyboard.press('Enter');
  await page.screenshot({ path: 'test-results/forms-wish-claim.png' });
  await press(page, claim.getByRole('button', { name: '认领' }));
  await expect(claim).toBeHidden();
  const claimed = await api<{ claims: { cadreId: number | null; name: string }[] }>(host, 'wishes.get', {
    id: wish.id,
  });
  expect(claimed.claims.map((c) => c.name).sort()).toEqual(
    [...before.claims.map((c) => c.name), ...servers.map((s) => s.name), '县供电公司'].sort(),
  );
});

test('登记意见建议, by keyboard', async ({ page }) => {
  const [collector] = await twoServers();
  await page.goto(`${host.base}#/service/suggestions`);
  await press(page, page.getByRole('button', { name: '登记意见建议' }));
  const dialog = await dialogOpened(page, '登记意见建议');
  await expect(dialog.getByLabel('意见建议内容')).toBeFocused();
  await page.keyboard.type('村口路灯坏了三盏');
  // 收集渠道: from 窗口 to 电话 with an arrow.
  await tabTo(page, dialog.getByRole('radio', { name: '窗口' }));
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio', { name: '电话' })).toBeChecked();
  await arrowTo(page, dialog.getByLabel('类别'), '基础设施');
  await arrowTo(page, dialog.getByLabel('村/社区'), '南岭村');
  await typeInto(page, dialog.getByLabel('反映人（不填为匿名）'), '郑师傅');
  await pick(page, dialog.getByRole('combobox', { name: '收集人' }), collector.name.slice(0, 2), collector.name);
  await page.screenshot({ path: 'test-results/forms-suggestion.png' });
  await press(page, dialog.getByRole('button', { name: '登记' }));
  await expect(page).toHaveURL(/#\/service\/suggestion\/\d+$/);
  const s = await api<{ content: string; channel: string; category: string; area: string; resident: string }>(
    host,
    'suggestions.get',
    { id: Number(/suggestion\/(\d+)/.exec(page.url())![1]) },
  );
  expect(s).toMatchObject({
    content: '村口路灯坏了三盏',
    channel: 'phone',
    category: '基础设施',
    area: '南岭村',
    resident: '郑师傅',
  });
  expect(JSON.stringify(s)).toContain(collector.name);
});

test('登记矛盾纠纷 with two 调解员, by keyboard', async ({ page }) => {
  const servers = await twoServers();
  await page.goto(`${host.base}#/service/disputes`);
  await press(page, page.getByRole('button', { name: '登记纠纷' }));
  const dialog = await dialogOpened(page, '登记矛盾纠纷');
  await arrowTo(page, dialog.getByLabel('纠纷类型'), '邻里纠纷');
  await arrowTo(page, dialog.getByLabel('村/社区'), '北坪村');
  await typeInto(page, dialog.getByLabel('当事人姓名').nth(0), '冯甲');
  await typeInto(page, dialog.getByLabel('当事人电话').nth(0), '13700003333');
  await typeInto(page, dialog.getByLabel('当事人姓名').nth(1), '陈乙');
  await typeInto(page, dialog.getByLabel('涉及金额（元，可不填）'), '1,200');
  await pickSeveral(
    page,
    dialog.getByRole('combobox', { name: '调解员' }),
    servers.map((s) => [s.name.slice(0, 2), s.name]),
  );
  await typeInto(page, dialog.getByLabel('纠纷事实及争议事项'), '院墙滴水，双方争执');
  await page.screenshot({ path: 'test-results/forms-dispute.png' });
  await press(page, dialog.getByRole('button', { name: '登记' }));
  await expect(page).toHaveURL(/#\/service\/dispute\/\d+$/);
  const d = await api<{
    type: string;
    area: string;
    facts: string;
    amountFen: number;
    partyList: { role: string; name: string; phone: string }[];
    mediatorList: { id: number; name: string }[];
  }>(host, 'disputes.get', { id: Number(/dispute\/(\d+)/.exec(page.url())![1]) });
  expect(d).toMatchObject({ type: '邻里纠纷', area: '北坪村', facts: '院墙滴水，双方争执', amountFen: 120_000 });
  expect(d.partyList.map((p) => [p.role, p.name, p.phone])).toEqual([
    ['applicant', '冯甲', '13700003333'],
    ['respondent', '陈乙', ''],
  ]);
  expect(d.mediatorList.map((m) => m.id).sort()).toEqual(servers.map((s) => s.id).sort());
});
