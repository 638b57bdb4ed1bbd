// The face of county/ to the rest of main: 县级汇总: the township's link to the county (county.*) and the county office
// (rollup.*). Other domains import only what is exported here (tests/tools/check-layers.mjs).
import { countyHandlers } from './county';
import { rollupHandlers } from './rollup';

export const countyChannels = {
  ...countyHandlers,
  ...rollupHandlers,
};
