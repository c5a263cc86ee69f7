import { Card, Descriptions } from 'antd';
import type { AllocationPreview } from '../../api/allocation.api.ts';
import { fmt } from './allocation-format.ts';

const COMPARATOR_WORDS: Record<string, string> = { '>': 'trên', '>=': 'từ', '=': 'đạt', '<=': 'không quá', '<': 'dưới' };

/** The parent unit's own target that is being shared out. */
export function AllocationTargetCard({ target: t }: { target: AllocationPreview['target'] }) {
  return (
    <Card size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'subject', label: 'Chỉ tiêu', children: t.subject || t.indicatorName },
          { key: 'unit', label: 'Đơn vị', children: t.unit.name },
          {
            key: 'value',
            label: 'Mức của đơn vị',
            children: (
              <strong data-testid="allocation-parent-value">
                {COMPARATOR_WORDS[t.comparator]} {fmt(t.value)}
              </strong>
            ),
          },
          { key: 'document', label: 'Văn bản', children: t.document.symbol ?? t.document.title },
        ]}
      />
    </Card>
  );
}
