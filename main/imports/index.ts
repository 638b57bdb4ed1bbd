// The face of imports/ to the rest of main: Importing the Excel rosters a township keeps (导入): read, check, write,
// undo; channels imports.*. Other domains import only what is exported here (tests/tools/check-layers.mjs).
import { importListHandlers } from './importList';
import { importsHandlers } from './imports';

export const importsChannels = {
  ...importListHandlers,
  ...importsHandlers,
};
