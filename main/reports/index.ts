// The face of reports/ to the rest of main: The year's totals and 年度工作总结; channels reports.*. Other domains import
// only what is exported here (tests/tools/check-layers.mjs).
import { reportHandlers } from './reports';

export { reportDocx } from './reportDocx';
export { annualReport, reportSections } from './reports';

export const reportsChannels = {
  ...reportHandlers,
};
