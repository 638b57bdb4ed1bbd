// The handler map: every channel of shared/contract.ts, exactly once (the type check enforces it).
import type { Handlers } from './dispatch';
import { applicationListHandlers } from './services/applicationList';
import { applicationHandlers } from './services/applications';
import { areaHandlers } from './services/areas';
import { auditHandlers } from './services/audit';
import { backupHandlers } from './services/backup';
import { cadenceHandlers } from './services/cadence';
import { cadreHandlers } from './services/cadres';
import { calendarHandlers } from './services/calendar';
import { cardHandlers } from './services/cards';
import { categoryHandlers } from './services/categories';
import { choiceHandlers } from './services/choices';
import { countyHandlers } from './services/county';
import { disputeListHandlers } from './services/disputeList';
import { disputeHandlers } from './services/disputes';
import { entitlementHandlers } from './services/entitlements';
import { householdListHandlers } from './services/householdList';
import { householdHandlers } from './services/households';
import { importListHandlers } from './services/importList';
import { importsHandlers } from './services/imports';
import { monthHandlers } from './services/months';
import { pairingHandlers } from './services/pairings';
import { paymentListHandlers } from './services/paymentList';
import { paymentHandlers } from './services/payments';
import { payrollHandlers } from './services/payroll';
import { personHandlers } from './services/persons';
import { reliefKindHandlers } from './services/reliefKinds';
import { reportHandlers } from './services/reports';
import { rollupHandlers } from './services/rollup';
import { sessionHandlers } from './services/session';
import { settingsHandlers } from './services/settings';
import { setupHandlers } from './services/setup';
import { staffHandlers } from './services/staff';
import { suggestionListHandlers } from './services/suggestionList';
import { suggestionHandlers } from './services/suggestions';
import { visitHandlers } from './services/visits';
import { wishHandlers } from './services/wishes';
import { wishListHandlers } from './services/wishList';

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
