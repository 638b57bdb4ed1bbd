// The household page's 救助申请 tab: its cases, paged by SQL like every list, and 受理申请 for this household.
import { Button } from 'antd';
import { useCallback } from 'react';

import type { ApplicationRow } from '../../../shared/schemas/applications';
import { call } from '../../api';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { go } from '../../components/router';
import { applicationColumns } from '../applications/columns';

export function HouseholdApplications({ householdId, active }: { householdId: number; active: boolean }) {
  const fetchPage = useCallback(
    (req: PageRequest) => call('applications.list', { offset: req.offset, limit: req.limit, householdId }),
    [householdId],
  );
  return (
    <>
      {active && (
        <Button
          type="primary"
          style={{ marginBottom: 8 }}
          onClick={() => go(`/applications/new?household=${householdId}`)}
        >
          受理申请
        </Button>
      )}
      <LedgerGrid<ApplicationRow>
        empty="这一户还没有救助申请。可点上方 受理申请 登记"
        columns={applicationColumns}
        fetchPage={fetchPage}
        onOpen={(r) => go(`/applications/${r.id}`)}
      />
    </>
  );
}
