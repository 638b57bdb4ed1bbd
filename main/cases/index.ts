// The face of cases/ to the rest of main: Relief cases (救助申请) from 受理 to 办结 on the working-day clock; channels
// applications.*, reliefKinds.*, calendar.*. Other domains import only what is exported here
// (tests/tools/check-layers.mjs).
import { applicationListHandlers } from './applicationList';
import { applicationHandlers } from './applications';
import { calendarHandlers } from './calendar';
import { reliefKindHandlers } from './reliefKinds';

export { applicationTally } from './applicationList';
export { moveCase } from './applications';
export { loadCalendar } from './calendar';

export const casesChannels = {
  ...applicationListHandlers,
  ...applicationHandlers,
  ...calendarHandlers,
  ...reliefKindHandlers,
};
