// 按月发放 (entitlements): the monthly amount an approved monthly case is paid, from its start month to its end month.
import type { Handlers } from '../core/dispatch';
import { casePayments } from './paymentList';
import { saveEntitlement } from './payments';

export const entitlementHandlers = {
  'entitlements.save': (ctx, input) => {
    saveEntitlement(ctx, input);
    return casePayments(ctx.db, input.applicationId);
  },
} satisfies Partial<Handlers>;
