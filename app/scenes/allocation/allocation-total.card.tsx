import { Alert, Button, Card, Checkbox, Space } from 'antd';
import type { AllocationCheck } from '../../../domain/allocation/allocation.ts';
import type { AllocationPreview } from '../../api/allocation.api.ts';
import { fmt } from './allocation-format.ts';

/** The sum given out and what is left, why the shares are refused, and the save button. */
export function AllocationTotalCard(props: {
  target: AllocationPreview['target'];
  check: AllocationCheck;
  allowOver: boolean;
  onAllowOver: (allow: boolean) => void;
  serverError: string | undefined;
  saving: boolean;
  onSave: () => void;
}) {
  const { target: t, check, serverError } = props;
  return (
    <Card size="small" style={{ marginTop: 12 }}>
      <Space wrap size="large">
        <span>
          Tổng giao: <strong data-testid="allocation-sum">{fmt(check.sum)}</strong>
        </span>
        {t.kind === 'count' && (
          <span>
            Còn lại: <strong data-testid="allocation-remainder">{fmt(check.remainder)}</strong>
          </span>
        )}
        {t.kind === 'count' && t.comparator !== '<' && t.comparator !== '<=' && (
          <Checkbox checked={props.allowOver} onChange={(e) => props.onAllowOver(e.target.checked)} data-testid="allocation-allow-over">
            Cho phép giao vượt
          </Checkbox>
        )}
      </Space>
      {check.problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="allocation-problems"
          title={check.problems.map((p) => p.message).join(' ')}
        />
      )}
      {serverError && <Alert type="error" showIcon style={{ marginTop: 8 }} data-testid="allocation-error" title={serverError} />}
      <div style={{ marginTop: 12 }}>
        <Button type="primary" loading={props.saving} onClick={props.onSave} data-testid="allocation-save">
          Giao chỉ tiêu
        </Button>
      </div>
    </Card>
  );
}
