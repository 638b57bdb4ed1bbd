// The face of pairings/ to the rest of main: 结对帮扶: cadres, pairings with households, visits and the visit cadence;
// channels cadres.*, pairings.*, visits.*, cadence.*. Other domains import only what is exported here
// (tests/tools/check-layers.mjs).
import { cadenceHandlers } from './cadence';
import { cadreHandlers } from './cadres';
import { pairingHandlers } from './pairings';
import { visitHandlers } from './visits';

export { behindCadence, VISITED_IN } from './visits';

export const pairingsChannels = {
  ...cadenceHandlers,
  ...cadreHandlers,
  ...pairingHandlers,
  ...visitHandlers,
};
