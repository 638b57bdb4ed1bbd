// The face of payments/ to the rest of main: Payments (救助金发放): single payments, entitlements, monthly payroll batches
// and their bank files; channels payments.*, entitlements.*, months.*, payroll.*. Other domains import only what is
// exported here (tests/tools/check-layers.mjs).
import { entitlementHandlers } from './entitlements';
import { monthHandlers } from './months';
import { paymentListHandlers } from './paymentList';
import { paymentHandlers } from './payments';
import { payrollHandlers } from './payroll';

export const paymentsChannels = {
  ...entitlementHandlers,
  ...monthHandlers,
  ...paymentListHandlers,
  ...paymentHandlers,
  ...payrollHandlers,
};
