// The face of registry/ to the rest of main: The registry (困难户台账): households, their members, villages and difficulty
// categories; channels households.*, persons.*, areas.*, categories.*. Other domains import only what is exported
// here (tests/tools/check-layers.mjs).
import { areaHandlers } from './areas';
import { categoryHandlers } from './categories';
import { householdListHandlers } from './householdList';
import { householdHandlers } from './households';
import { personHandlers } from './persons';

export { householdFigure } from './householdList';
export { endPeriod, pairedDuring } from './periods';

export const registryChannels = {
  ...areaHandlers,
  ...categoryHandlers,
  ...householdListHandlers,
  ...householdHandlers,
  ...personHandlers,
};
