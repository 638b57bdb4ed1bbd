// The handler map: every channel of shared/contract.ts, exactly once (the type check enforces it).
import type { Handlers } from './dispatch';
import { areaHandlers } from './services/areas';
import { auditHandlers } from './services/audit';
import { backupHandlers } from './services/backup';
import { householdListHandlers } from './services/householdList';
import { householdHandlers } from './services/households';
import { settingsHandlers } from './services/settings';
import { staffHandlers } from './services/staff';

export const handlers = {
  ...staffHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...areaHandlers,
  ...householdHandlers,
  ...householdListHandlers,
} satisfies Handlers;
