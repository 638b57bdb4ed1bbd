// THE contract: every channel's input schema, output type, who may call it and how it runs.
// main's handler map must satisfy `Handlers` (main/handlers.ts), so a missing channel fails the type check.
import { z } from 'zod';

import type { Role } from './domain/roles';
import type { Queue } from './domain/workflow';
import { SUMMARY_WRITERS } from './domain/yearSummary';
import * as apps from './schemas/applications';
import { auditListInput, type AuditRow } from './schemas/audit';
import { backupCreateInput, type BackupFile, backupRestoreInput } from './schemas/backup';
import { empty, id, type ListPrint, type Page, text } from './schemas/common';
import * as county from './schemas/county';
import * as dsp from './schemas/disputes';
import * as imp from './schemas/imports';
import * as keys from './schemas/keys';
import * as pair from './schemas/pairings';
import * as pay from './schemas/payments';
import * as registry from './schemas/registry';
import { type AnnualReport, reportInput, summarySaveInput, type YearSummary } from './schemas/reports';
import * as rollup from './schemas/rollup';
import * as svc from './schemas/service';
import { type CenterSettings, centerSettings } from './schemas/settings';
import * as staff from './schemas/staff';

/** public: no sign-in needed; signedIn: any staff member; or the roles allowed. */
export type Access = 'public' | 'signedIn' | readonly Role[];

/**
 * query: runs in a read transaction. mutation: one write transaction that must also write its audit row.
 * task: file work (backup, restore, export); runs outside a transaction, may be async, audits itself.
 */
export type Mode = 'query' | 'mutation' | 'task';

export interface ChannelDef<I extends z.ZodType, O, M extends Mode = Mode> {
  input: I;
  access: Access;
  mode: M;
  /** Phantom: carries the output type. */
  readonly output?: O;
}

const def =
  <O>() =>
  <I extends z.ZodType, M extends Mode>(input: I, access: Access, mode: M): ChannelDef<I, O, M> => ({
    input,
    access,
    mode,
  });

/** A file made for download: its name, its bytes as base64, and how many rows it holds. */
type File = { fileName: string; base64: string; rows: number };

const ADMIN = ['admin'] as const;
const STAFF = ['clerk', 'reviewer', 'approver', 'admin'] as const;
/** Who decides what the center takes on (审定 of a wish). */
const REVIEW = ['reviewer', 'approver'] as const;
/** Who may see a full ID number (after a click on 显示, audited). */
const REVEAL = ['reviewer', 'approver', 'admin'] as const;

export const contract = {
  'setup.state': def<keys.DoorState>()(empty, 'public', 'query'),
  /** First start: the ledger, its key file and its first administrator; the recovery key is answered once. */
  'setup.createAdmin': def<staff.StaffMember & keys.RecoveryKey>()(staff.createAdminInput, 'public', 'mutation'),
  /** The recovery key typed back, so it is known to be written down right. */
  'setup.confirmRecovery': def<{ confirmed: true }>()(keys.confirmRecoveryInput, 'public', 'mutation'),
  /** A plain ledger of an earlier version, encrypted by its administrator after a plain backup they keep. */
  'setup.encrypt': def<keys.RecoveryKey & { plainBackup: string }>()(keys.encryptInput, 'public', 'task'),
  /** A backup with its key file (a USB stick) made into the ledger of a new PC, opened by a password or the key. */
  'setup.restore': def<{ restored: true }>()(keys.restoreFromInput, 'public', 'task'),

  'session.state': def<staff.SessionState>()(empty, 'public', 'query'),
  /** Counts as activity for the auto-lock clock (the renderer sends it, throttled, while the clerk types). */
  'session.touch': def<{ ok: true }>()(empty, 'signedIn', 'query'),
  'session.signIn': def<staff.SessionState>()(staff.signInInput, 'public', 'mutation'),
  'session.signOut': def<staff.SessionState>()(empty, 'signedIn', 'mutation'),
  'session.lock': def<staff.SessionState>()(empty, 'signedIn', 'mutation'),
  'session.unlock': def<staff.SessionState>()(staff.unlockInput, 'signedIn', 'mutation'),
  'session.changePassword': def<{ changed: true }>()(staff.changePasswordInput, 'signedIn', 'mutation'),
  /** Every password lost: the recovery key opens the ledger and sets an administrator's new password. */
  'session.recover': def<staff.SessionState>()(keys.recoverInput, 'public', 'mutation'),
  /** A new recovery key replaces the old one (lost, or never typed back). */
  'keys.newRecovery': def<keys.RecoveryKey>()(empty, ADMIN, 'mutation'),
  /** 更换数据密钥: the ledger copied under a new data key; old key files and old passwords open nothing after. */
  'keys.rekey': def<keys.RekeyState>()(empty, ADMIN, 'task'),
  /** Where the re-key stands (its progress while it runs). */
  'keys.rekeyState': def<keys.RekeyState>()(empty, ADMIN, 'query'),

  'staff.list': def<staff.StaffRow[]>()(empty, ADMIN, 'query'),
  'staff.create': def<staff.StaffRow>()(staff.createStaffInput, ADMIN, 'mutation'),
  'staff.update': def<staff.StaffRow>()(staff.updateStaffInput, ADMIN, 'mutation'),
  'staff.resetPassword': def<staff.StaffRow>()(staff.resetPasswordInput, ADMIN, 'mutation'),

  'settings.get': def<CenterSettings>()(empty, 'signedIn', 'query'),
  'settings.save': def<CenterSettings>()(centerSettings, ADMIN, 'mutation'),

  'audit.list': def<Page<AuditRow>>()(auditListInput, ADMIN, 'query'),
  'audit.xlsx': def<File>()(auditListInput.omit({ offset: true, limit: true }), ADMIN, 'task'),

  'areas.list': def<registry.Area[]>()(empty, 'signedIn', 'query'),
  'areas.save': def<registry.Area>()(registry.areaSaveInput, ADMIN, 'mutation'),
  'categories.list': def<registry.HardshipCategory[]>()(empty, 'signedIn', 'query'),

  'households.list': def<Page<registry.HouseholdRow>>()(registry.householdListInput, 'signedIn', 'query'),
  'households.get': def<registry.HouseholdDetail>()(z.object({ id }), 'signedIn', 'query'),
  'households.create': def<registry.HouseholdDetail>()(registry.householdCreateInput, STAFF, 'mutation'),
  'households.update': def<registry.HouseholdDetail>()(registry.householdUpdateInput, STAFF, 'mutation'),
  'households.exit': def<registry.HouseholdDetail>()(registry.householdExitInput, STAFF, 'mutation'),
  'households.export': def<{ fileName: string; base64: string; rows: number }>()(
    registry.householdListInput.omit({ offset: true, limit: true }),
    'signedIn',
    'task',
  ),
  /** Every registered household, a row per person, with full ID numbers and accounts: to move a ledger (admin). */
  'households.exportFull': def<File>()(empty, ADMIN, 'task'),
  'households.startCategory': def<registry.HouseholdDetail>()(registry.categoryStartInput, STAFF, 'mutation'),
  'households.endCategory': def<registry.HouseholdDetail>()(registry.categoryEndInput, STAFF, 'mutation'),
  'persons.add': def<registry.HouseholdDetail>()(registry.personAddInput, STAFF, 'mutation'),
  'persons.move': def<registry.HouseholdDetail>()(registry.personMoveInput, STAFF, 'mutation'),
  /** The full ID number of one person: reviewer/approver/admin only, and every reveal is audited. */
  'persons.revealId': def<{ idNumber: string }>()(z.object({ id }), REVEAL, 'mutation'),
  /** Checks a typed ID number as the clerk leaves the field: cleaned number, birth date, gender, or who holds it. */
  'persons.checkId': def<{ idNumber: string; birthDate: string; gender: 'male' | 'female'; note: string | null }>()(
    z.object({ idNumber: z.string().max(64) }),
    'signedIn',
    'query',
  ),

  'reliefKinds.list': def<apps.ReliefKind[]>()(empty, 'signedIn', 'query'),
  'reliefKinds.save': def<apps.ReliefKind>()(apps.reliefKindSaveInput, ADMIN, 'mutation'),
  'calendar.list': def<{ day: string; kind: 'holiday' | 'workday' }[]>()(
    z.object({ year: z.number().int().min(2000).max(2100) }),
    'signedIn',
    'query',
  ),
  'calendar.set': def<{ day: string; kind: 'holiday' | 'workday' | null }>()(
    z.object({ day: z.iso.date('日期格式应为 YYYY-MM-DD'), kind: z.enum(['holiday', 'workday']).nullable() }),
    ADMIN,
    'mutation',
  ),

  'applications.register': def<apps.ApplicationDetail>()(apps.registerInput, STAFF, 'mutation'),
  'applications.get': def<apps.ApplicationDetail>()(z.object({ id }), 'signedIn', 'query'),
  'applications.list': def<Page<apps.ApplicationRow>>()(apps.applicationListInput, 'signedIn', 'query'),
  'applications.xlsx': def<File>()(apps.applicationListInput.omit({ offset: true, limit: true }), 'signedIn', 'task'),
  /** The grid's filtered rows for an A4 print (printing a list is audited, so it writes). */
  'applications.print': def<ListPrint>()(
    apps.applicationListInput.omit({ offset: true, limit: true }),
    'signedIn',
    'mutation',
  ),
  /** 首页: open cases due within three working days, and overdue ones (deadlines and 先行救助 paperwork). */
  'applications.due': def<{ dueSoon: apps.ApplicationRow[]; overdue: apps.ApplicationRow[] }>()(
    empty,
    'signedIn',
    'query',
  ),
  /** 首页's queues: how many cases wait for each step (the grid lists one with `queue`). */
  'applications.queues': def<Record<Queue, number>>()(empty, 'signedIn', 'query'),
  /** The 公示 list of one area (or all): cases in publicity today. */
  'applications.publicity': def<{ day: string; rows: apps.PublicityRow[] }>()(
    z.object({ areaId: id.optional() }),
    'signedIn',
    'mutation',
  ),
  'applications.investigate': def<apps.ApplicationDetail>()(apps.investigateInput, STAFF, 'mutation'),
  'applications.materials': def<apps.ApplicationDetail>()(apps.materialsInput, STAFF, 'mutation'),
  'applications.review': def<apps.ApplicationDetail>()(apps.reviewInput, ['reviewer'], 'mutation'),
  'applications.publicize': def<apps.ApplicationDetail>()(apps.publicizeInput, ['reviewer', 'approver'], 'mutation'),
  'applications.object': def<apps.ApplicationDetail>()(apps.objectInput, STAFF, 'mutation'),
  'applications.approve': def<apps.ApplicationDetail>()(apps.approveInput, ['approver'], 'mutation'),
  'applications.reject': def<apps.ApplicationDetail>()(apps.rejectInput, ['approver'], 'mutation'),
  'applications.withdraw': def<apps.ApplicationDetail>()(apps.withdrawInput, STAFF, 'mutation'),
  'applications.urgentApprove': def<apps.ApplicationDetail>()(apps.urgentApproveInput, ['approver'], 'mutation'),
  'applications.completePaperwork': def<apps.ApplicationDetail>()(apps.completePaperworkInput, STAFF, 'mutation'),

  /** A payment of an approved one-off case (cash at the counter or to the household's 一卡通 account). */
  'payments.pay': def<pay.PaymentDetail>()(pay.payInput, STAFF, 'mutation'),
  /** 冲正: a new row dated today cancelling a posted payment; approvers only. */
  'payments.reverse': def<pay.PaymentDetail>()(pay.reverseInput, ['approver'], 'mutation'),
  'payments.get': def<pay.PaymentDetail>()(z.object({ id }), 'signedIn', 'query'),
  /** A page of payments and the net total of every row the filter matches. */
  'payments.list': def<Page<pay.PaymentRow> & { sumFen: number; persons?: number; households?: number }>()(
    pay.paymentListInput,
    'signedIn',
    'query',
  ),
  'payments.xlsx': def<File>()(pay.paymentListInput.omit({ offset: true, limit: true }), 'signedIn', 'task'),
  'payments.print': def<ListPrint>()(pay.paymentListInput.omit({ offset: true, limit: true }), 'signedIn', 'mutation'),
  'payments.ofCase': def<pay.CasePayments>()(z.object({ applicationId: id }), 'signedIn', 'query'),
  /** Reconciles every posted batch's stored count and total with its payments. */
  'payments.check': def<pay.LedgerCheck>()(empty, 'signedIn', 'query'),
  'entitlements.save': def<pay.CasePayments>()(pay.entitlementInput, STAFF, 'mutation'),

  'payroll.create': def<pay.BatchRow>()(pay.batchCreateInput, STAFF, 'mutation'),
  'payroll.get': def<pay.BatchRow>()(z.object({ id }), 'signedIn', 'query'),
  'payroll.list': def<Page<pay.BatchRow>>()(pay.batchListInput, 'signedIn', 'query'),
  'payroll.rows': def<Page<pay.BatchLine>>()(pay.batchRowsInput, 'signedIn', 'query'),
  'payroll.exclude': def<pay.BatchRow>()(pay.batchExcludeInput, STAFF, 'mutation'),
  'payroll.cancel': def<pay.BatchRow>()(
    z.object({ id, reason: text('作废原因', { min: 2, max: 200 }) }),
    STAFF,
    'mutation',
  ),
  /** Maker-checker: someone other than the maker approves, and every row posts in this one transaction. */
  'payroll.approve': def<pay.BatchRow>()(z.object({ id }), ['approver'], 'mutation'),
  /** The 发放花名册 of a batch (one area, or all): a document, so all its rows at once. */
  'payroll.roster': def<pay.Roster>()(z.object({ id, areaId: id.optional() }), 'signedIn', 'mutation'),
  'payroll.rosterXlsx': def<{ fileName: string; base64: string; rows: number }>()(
    z.object({ id, areaId: id.optional() }),
    'signedIn',
    'task',
  ),
  /** The bank's upload file, with full account numbers: approvers only, and audited. */
  'payroll.bankFile': def<{ fileName: string; base64: string; rows: number }>()(z.object({ id }), ['approver'], 'task'),
  'payroll.importBankResults': def<pay.BankImportResult>()(pay.bankResultsInput, ['approver'], 'mutation'),

  'months.list': def<{ month: string; closedBy: string; closedAt: string }[]>()(empty, 'signedIn', 'query'),
  'months.close': def<{ month: string }>()(z.object({ month: pay.month('结账月份') }), ADMIN, 'mutation'),
  'months.reopen': def<{ month: string }>()(
    z.object({ month: pay.month('结账月份'), reason: text('反结账原因', { min: 2, max: 200 }) }),
    ADMIN,
    'mutation',
  ),

  'cadres.list': def<Page<pair.CadreRow>>()(pair.cadreListInput, 'signedIn', 'query'),
  'cadres.get': def<pair.CadreDetail>()(z.object({ id }), 'signedIn', 'query'),
  'cadres.save': def<pair.CadreRow>()(pair.cadreSaveInput, STAFF, 'mutation'),
  /** A new cadre in a role the household already has replaces the current one (that pairing ends the day before). */
  'pairings.start': def<pair.HouseholdPairings>()(pair.pairingStartInput, STAFF, 'mutation'),
  'pairings.end': def<pair.HouseholdPairings>()(pair.pairingEndInput, STAFF, 'mutation'),
  'pairings.ofHousehold': def<pair.HouseholdPairings>()(z.object({ householdId: id }), 'signedIn', 'query'),
  'pairings.unpaired': def<Page<{ id: number; head: string; area: string; phone: string }>>()(
    pair.unpairedInput,
    'signedIn',
    'query',
  ),
  'visits.create': def<pair.VisitRow>()(pair.visitCreateInput, STAFF, 'mutation'),
  'visits.list': def<Page<pair.VisitRow> & { aidFen: number }>()(pair.visitListInput, 'signedIn', 'query'),
  'visits.xlsx': def<File>()(pair.visitListInput.omit({ offset: true, limit: true }), 'signedIn', 'task'),
  'visits.print': def<ListPrint>()(pair.visitListInput.omit({ offset: true, limit: true }), 'signedIn', 'mutation'),
  'visits.resolveProblem': def<{ id: number }>()(pair.resolveProblemInput, STAFF, 'mutation'),
  /** Overdue visits, for 首页 or one cadre's page. */
  'visits.due': def<pair.VisitDue[]>()(z.object({ cadreId: id.optional() }), 'signedIn', 'query'),
  'cadence.list': def<{ categoryCode: string; name: string; everyMonths: number }[]>()(empty, 'signedIn', 'query'),
  'cadence.save': def<{ categoryCode: string; everyMonths: number }>()(pair.cadenceSaveInput, ADMIN, 'mutation'),
  /** The cards a selection would print (numbers of the current cards; new ones get theirs when issued). */
  'cards.prepare': def<pair.CardView[]>()(pair.cardSelection, 'signedIn', 'query'),
  /** Issues the numbers a selection needs and records its printing, in one transaction. */
  'cards.issue': def<pair.CardView[]>()(pair.cardIssueInput, STAFF, 'mutation'),
  /** The same as `cards.issue`, then the cards as one PDF written in main (large batches, at printer speed). */
  'cards.pdf': def<File>()(pair.cardIssueInput, STAFF, 'task'),
  'cards.list': def<Page<pair.CardRow>>()(pair.cardListInput, 'signedIn', 'query'),

  'choices.list': def<svc.Choice[]>()(empty, 'signedIn', 'query'),
  'choices.save': def<svc.Choice>()(svc.choiceSaveInput, ADMIN, 'mutation'),

  'wishes.create': def<svc.WishDetail>()(svc.wishCreateInput, STAFF, 'mutation'),
  'wishes.get': def<svc.WishDetail>()(z.object({ id }), 'signedIn', 'query'),
  'wishes.list': def<Page<svc.WishRow>>()(svc.wishListInput, 'signedIn', 'query'),
  'wishes.xlsx': def<File>()(svc.wishListInput.omit({ offset: true, limit: true }), 'signedIn', 'task'),
  'wishes.print': def<ListPrint>()(svc.wishListInput.omit({ offset: true, limit: true }), 'signedIn', 'mutation'),
  /** 审定: accepted with a service standard and a deadline, or declined with a reason told to the resident. */
  'wishes.decide': def<svc.WishDetail>()(svc.wishDecideInput, REVIEW, 'mutation'),
  /** The 心愿墙 of an area: accepted wishes waiting to be claimed, names masked (printing it is audited). */
  'wishes.wall': def<{ day: string; rows: svc.WallRow[] }>()(svc.wishWallInput, 'signedIn', 'mutation'),
  'wishes.claim': def<svc.WishDetail>()(svc.wishClaimInput, STAFF, 'mutation'),
  'wishes.fulfil': def<svc.WishDetail>()(svc.wishFulfilInput, STAFF, 'mutation'),
  'wishes.withdraw': def<svc.WishDetail>()(svc.withdrawInput, STAFF, 'mutation'),

  'suggestions.create': def<svc.SuggestionDetail>()(svc.suggestionCreateInput, STAFF, 'mutation'),
  'suggestions.get': def<svc.SuggestionDetail>()(z.object({ id }), 'signedIn', 'query'),
  'suggestions.list': def<Page<svc.SuggestionRow>>()(svc.suggestionListInput, 'signedIn', 'query'),
  'suggestions.xlsx': def<File>()(svc.suggestionListInput.omit({ offset: true, limit: true }), 'signedIn', 'task'),
  'suggestions.print': def<ListPrint>()(
    svc.suggestionListInput.omit({ offset: true, limit: true }),
    'signedIn',
    'mutation',
  ),
  /** 办理: to a person or a department, due a number of working days after it was assigned. */
  'suggestions.assign': def<svc.SuggestionDetail>()(svc.suggestionAssignInput, STAFF, 'mutation'),
  /** 答复 and 办结 with the result. */
  'suggestions.answer': def<svc.SuggestionDetail>()(svc.suggestionAnswerInput, STAFF, 'mutation'),
  'suggestions.revisit': def<svc.SuggestionDetail>()(svc.suggestionRevisitInput, STAFF, 'mutation'),
  'suggestions.withdraw': def<svc.SuggestionDetail>()(svc.withdrawInput, STAFF, 'mutation'),

  'disputes.create': def<dsp.DisputeDetail>()(dsp.disputeCreateInput, STAFF, 'mutation'),
  'disputes.get': def<dsp.DisputeDetail>()(z.object({ id }), 'signedIn', 'query'),
  /** The page, and the totals of persons and amount of every row the filters leave. */
  'disputes.list': def<Page<dsp.DisputeRow> & { persons: number; amountFen: number }>()(
    dsp.disputeListInput,
    'signedIn',
    'query',
  ),
  'disputes.xlsx': def<File>()(dsp.disputeListInput.omit({ offset: true, limit: true }), 'signedIn', 'task'),
  'disputes.print': def<ListPrint>()(dsp.disputeListInput.omit({ offset: true, limit: true }), 'signedIn', 'mutation'),
  /** A mediation session (printed as its 调解笔录). */
  'disputes.session': def<dsp.DisputeDetail>()(dsp.disputeSessionInput, STAFF, 'mutation'),
  /** 办结: only one of the dispute's mediators (by their linked account) or an admin; main checks which. */
  'disputes.conclude': def<dsp.DisputeDetail>()(dsp.disputeConcludeInput, STAFF, 'mutation'),
  'disputes.followUp': def<dsp.DisputeDetail>()(dsp.disputeFollowupInput, STAFF, 'mutation'),
  'disputes.withdraw': def<dsp.DisputeDetail>()(svc.withdrawInput, STAFF, 'mutation'),
  /** The 人民调解协议书 to print (IDs whole only for roles that see them); printing it is audited. */
  'disputes.agreement': def<dsp.AgreementPrint>()(z.object({ id }), 'signedIn', 'mutation'),

  /** 年度救助统计: every figure of the year, and the summary paragraph written from them. */
  'reports.annual': def<AnnualReport>()(reportInput, 'signedIn', 'query'),
  'reports.xlsx': def<{ fileName: string; base64: string; rows: number }>()(reportInput, 'signedIn', 'task'),
  /** 年度工作总结 as .docx: the paragraph, the tables and the month chart, for Word. */
  'reports.docx': def<File>()(reportInput, 'signedIn', 'task'),
  /** 主要做法, 存在问题 and 下一步打算 of the year: the center's saved text, else drafted from the figures. */
  'reports.summary': def<YearSummary>()(reportInput, 'signedIn', 'query'),
  'reports.saveSummary': def<YearSummary>()(summarySaveInput, SUMMARY_WRITERS, 'mutation'),

  'backup.list': def<BackupFile[]>()(empty, ADMIN, 'query'),
  'backup.create': def<BackupFile & { path: string }>()(backupCreateInput, ADMIN, 'task'),
  'backup.restore': def<BackupFile>()(backupRestoreInput, ADMIN, 'task'),

  // 县级上报: the enrolment file the county hands out, the state of the push, and a push now.
  'county.state': def<county.CountyState>()(empty, 'signedIn', 'query'),
  'county.enrol': def<county.CountyState>()(county.countyEnrolInput, ADMIN, 'mutation'),
  'county.push': def<county.PushAnswer>()(empty, 'signedIn', 'task'),
  /** 离线报送文件: what a push would send, signed, for a USB stick when the county cannot be reached. */
  'county.carry': def<File>()(empty, ADMIN, 'task'),
  /** The county's 回执 for offline files: moves the acknowledged number, or makes the next file send everything. */
  'county.receipt': def<county.ReceiptAnswer>()(county.countyReceiptInput, ADMIN, 'mutation'),

  // 县级汇总: the county office's screens (started with --county or --pg), over the townships' copies in PostgreSQL.
  'rollup.year': def<rollup.RollupYear>()(rollup.rollupYearInput, STAFF, 'task'),
  'rollup.townships': def<rollup.TownshipRow[]>()(reportInput, STAFF, 'task'),
  'rollup.sections': def<rollup.TownshipSections[]>()(reportInput, STAFF, 'task'),
  'rollup.status': def<rollup.StatusRow[]>()(empty, STAFF, 'task'),
  'rollup.sameness': def<rollup.SameRow[]>()(empty, STAFF, 'task'),
  /** 跨乡镇核查: a page of hits, one per person or account, filtered by township, kind and state. */
  'rollup.checks': def<Page<rollup.CheckRow>>()(rollup.checksInput, STAFF, 'task'),
  /**
   * The full ID number of a person in a current hit, with a reason, within the reveal budget; audited here and in the
   * county's own log.
   */
  'rollup.reveal': def<{ idNumber: string; name: string }>()(rollup.revealInput, REVEAL, 'task'),
  /** 核实 → 已处理: a hit's state with a note; audited here and in the county's own log. */
  'rollup.mark': def<{ state: 'checking' | 'done' }>()(rollup.markInput, STAFF, 'task'),
  /** A county screen laid out for its A4 print route (audited as a print), and the same as .xlsx (an export). */
  'rollup.print': def<rollup.RollupPrint>()(rollup.rollupOutInput, STAFF, 'task'),
  'rollup.xlsx': def<File>()(rollup.rollupOutInput, STAFF, 'task'),
  /** The county's 年度工作总结 (or one township's as the county holds it), by the township's docx builder. */
  'rollup.docx': def<File>()(rollup.rollupYearInput, STAFF, 'task'),
  /** Where townships will reach the county's server: the address an enrolment file gets, and whether over TLS. */
  'rollup.address': def<rollup.EnrolAddress>()(empty, ADMIN, 'task'),
  /**
   * Registers a township: its role on the county's server and its one-time enrolment file (an audited export), the
   * key in it sealed under a one-time code shown once on this screen.
   */
  'rollup.enrol': def<rollup.Enrolled>()(rollup.enrolInput, ADMIN, 'task'),
  'rollup.revoke': def<{ revoked: true }>()(rollup.revokeInput, ADMIN, 'task'),
  /** A township's offline file from a USB stick, applied as its push would be. */
  'rollup.carry': def<rollup.CarryAnswer>()(rollup.carryInput, ADMIN, 'task'),
  /** A township's 回执: where the county stands with it, signed for it, to hand back with its USB stick. */
  'rollup.receipt': def<File>()(rollup.revokeInput, ADMIN, 'task'),
  'rollup.notes': def<rollup.Note[]>()(rollup.notesInput, STAFF, 'task'),
  'rollup.addNote': def<{ id: number }>()(rollup.noteInput, STAFF, 'task'),

  // Rosters from Excel and CSV: a preview in main's memory (a job), checked, confirmed in one transaction, undone.
  'imports.open': def<imp.ImportPreview>()(imp.importOpenInput, STAFF, 'task'),
  'imports.check': def<imp.ImportPreview>()(imp.importCheckInput, STAFF, 'query'),
  'imports.progress': def<imp.ImportProgress>()(imp.importJobInput, STAFF, 'query'),
  'imports.cancel': def<{ cancelled: true }>()(imp.importJobInput, STAFF, 'query'),
  'imports.rows': def<Page<imp.ImportRow>>()(imp.importRowsInput, STAFF, 'query'),
  'imports.problems': def<File>()(imp.importJobInput, STAFF, 'task'),
  'imports.confirm': def<imp.ImportRecord>()(imp.importJobInput, STAFF, 'task'),
  'imports.list': def<Page<imp.ImportRecord>>()(imp.importListInput, STAFF, 'query'),
  'imports.undo': def<imp.ImportRecord>()(z.object({ id }), STAFF, 'mutation'),
  'imports.template': def<File>()(imp.importTemplateInput, STAFF, 'task'),
} as const satisfies Record<string, ChannelDef<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller sends (before defaults and transforms). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives (after validation). */
export type Parsed<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C] extends ChannelDef<z.ZodType, infer O, Mode> ? O : never;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
