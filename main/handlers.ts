// The handler map: every channel of shared/contract.ts, exactly once (the type check enforces it).
import { cardHandlers } from './cards/cards';
import { applicationListHandlers } from './cases/applicationList';
import { applicationHandlers } from './cases/applications';
import { calendarHandlers } from './cases/calendar';
import { reliefKindHandlers } from './cases/reliefKinds';
import { auditHandlers } from './core/audit';
import { backupHandlers } from './core/backup';
import { choiceHandlers } from './core/choices';
import type { Handlers } from './core/dispatch';
import { settingsHandlers } from './core/settings';
import { countyHandlers } from './county/county';
import { rollupHandlers } from './county/rollup';
import { importListHandlers } from './imports/importList';
import { importsHandlers } from './imports/imports';
import { cadenceHandlers } from './pairings/cadence';
import { cadreHandlers } from './pairings/cadres';
import { pairingHandlers } from './pairings/pairings';
import { visitHandlers } from './pairings/visits';
import { entitlementHandlers } from './payments/entitlements';
import { monthHandlers } from './payments/months';
import { paymentListHandlers } from './payments/paymentList';
import { paymentHandlers } from './payments/payments';
import { payrollHandlers } from './payments/payroll';
import { areaHandlers } from './registry/areas';
import { categoryHandlers } from './registry/categories';
import { householdListHandlers } from './registry/householdList';
import { householdHandlers } from './registry/households';
import { personHandlers } from './registry/persons';
import { reportHandlers } from './reports/reports';
import { disputeListHandlers } from './service/disputeList';
import { disputeHandlers } from './service/disputes';
import { suggestionListHandlers } from './service/suggestionList';
import { suggestionHandlers } from './service/suggestions';
import { wishHandlers } from './service/wishes';
import { wishListHandlers } from './service/wishList';
import { sessionHandlers } from './staff/session';
import { setupHandlers } from './staff/setup';
import { staffHandlers } from './staff/staff';

export const handlers = {
  ...setupHandlers,
  ...sessionHandlers,
  ...staffHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...countyHandlers,
  ...rollupHandlers,
  ...areaHandlers,
  ...categoryHandlers,
  ...householdHandlers,
  ...personHandlers,
  ...householdListHandlers,
  ...calendarHandlers,
  ...reliefKindHandlers,
  ...applicationHandlers,
  ...applicationListHandlers,
  ...paymentHandlers,
  ...entitlementHandlers,
  ...monthHandlers,
  ...paymentListHandlers,
  ...payrollHandlers,
  ...cadreHandlers,
  ...pairingHandlers,
  ...visitHandlers,
  ...cadenceHandlers,
  ...cardHandlers,
  ...choiceHandlers,
  ...disputeHandlers,
  ...disputeListHandlers,
  ...wishHandlers,
  ...wishListHandlers,
  ...suggestionHandlers,
  ...suggestionListHandlers,
  ...reportHandlers,
  ...importsHandlers,
  ...importListHandlers,
} satisfies Handlers;
