// The handler map: every channel of shared/contract.ts, exactly once (the type check enforces it).
import type { Handlers } from './dispatch';
import { applicationListHandlers } from './services/applicationList';
import { applicationHandlers } from './services/applications';
import { areaHandlers } from './services/areas';
import { auditHandlers } from './services/audit';
import { backupHandlers } from './services/backup';
import { bankFileHandlers } from './services/bankFiles';
import { calendarHandlers } from './services/calendar';
import { cardHandlers } from './services/cards';
import { householdListHandlers } from './services/householdList';
import { householdHandlers } from './services/households';
import { pairingHandlers } from './services/pairings';
import { paymentListHandlers } from './services/paymentList';
import { paymentHandlers } from './services/payments';
import { payrollHandlers } from './services/payroll';
import { reportHandlers } from './services/reports';
import { settingsHandlers } from './services/settings';
import { staffHandlers } from './services/staff';
import { visitHandlers } from './services/visits';

export const handlers = {
  ...staffHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...areaHandlers,
  ...householdHandlers,
  ...householdListHandlers,
  ...calendarHandlers,
  ...applicationHandlers,
  ...applicationListHandlers,
  ...paymentHandlers,
  ...paymentListHandlers,
  ...payrollHandlers,
  ...bankFileHandlers,
  ...pairingHandlers,
  ...visitHandlers,
  ...cardHandlers,
  ...reportHandlers,
} satisfies Handlers;
