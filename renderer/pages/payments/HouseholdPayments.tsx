// The household page's 发放记录 tab: every payment and reversal of the household, paged by SQL, with its net total.
import { useCallback } from 'react';

import { formatYuan } from '../../../shared/domain/money';
import type { PaymentRow } from '../../../shared/schemas/payments';
import { call } from '../../api';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { go } from '../../components/router';
import { paymentColumns } from './columns';

export function HouseholdPayments({ householdId }: { householdId: number }) {
  const fetchPage = useCallback(
    (req: PageRequest) => call('payments.list', { offset: req.offset, limit: req.limit, householdId }),
    [householdId],
  );
  return (
    <LedgerGrid<PaymentRow>
      empty="这一户还没有发放记录"
      columns={paymentColumns}
      fetchPage={fetchPage}
      onOpen={(r) => go(`/payments/record/${r.id}`)}
      summary={(p) => `合计 ${formatYuan((p as { sumFen?: number }).sumFen ?? 0)} 元`}
      testId="household-payments"
    />
  );
}
