// An item's steps in the order they happened: the day, what was done, who recorded it.
import { Timeline } from 'antd';

import type { TimelineStep } from '../../shared/schemas/service';

export function StepTimeline({ steps }: { steps: TimelineStep[] }) {
  return (
    <Timeline
      data-testid="timeline"
      items={steps.map((s) => ({
        children: (
          <>
            <b>{s.on}</b> {s.what} <span className="muted">（{s.by}）</span>
          </>
        ),
      }))}
    />
  );
}
