// The handler map: every channel of shared/contract.ts, exactly once (the type check enforces it).
import { cardsChannels } from './cards';
import { casesChannels } from './cases';
import { auditHandlers } from './core/audit';
import { backupHandlers } from './core/backup';
import { choiceHandlers } from './core/choices';
import type { Handlers } from './core/dispatch';
import { settingsHandlers } from './core/settings';
import { countyChannels } from './county';
import { importsChannels } from './imports';
import { pairingsChannels } from './pairings';
import { paymentsChannels } from './payments';
import { registryChannels } from './registry';
import { reportsChannels } from './reports';
import { serviceChannels } from './service';
import { staffChannels } from './staff';

export const handlers = {
  ...auditHandlers,
  ...backupHandlers,
  ...choiceHandlers,
  ...settingsHandlers,
  ...staffChannels,
  ...registryChannels,
  ...casesChannels,
  ...paymentsChannels,
  ...pairingsChannels,
  ...cardsChannels,
  ...serviceChannels,
  ...importsChannels,
  ...reportsChannels,
  ...countyChannels,
} satisfies Handlers;
