import { App, Button, Popover, Typography, type ButtonProps } from 'antd';
import { ApiError, errorMessage } from '../../api/api-client.ts';
import { MEASURE_IN_USE, type UsageRef } from '../../api/measures.api.ts';
import { usageCount, usageLine, usageOfError } from './measures.model.ts';

/** What uses an element or indicator, one line each (indicators, targets, forms). */
export function UsageList({ usedBy }: { usedBy: readonly UsageRef[] }) {
  return (
    <ul className="measure-usage-list" data-testid="measure-usage-list">
      {usedBy.map((ref, i) => (
        <li key={`${ref.kind}-${ref.code ?? ref.id ?? i}`}>{usageLine(ref)}</li>
      ))}
    </ul>
  );
}

/** "Đang dùng ở 3 nơi" opening the list; "Chưa dùng" as plain text. */
export function UsagePopover({ usedBy, testId }: { usedBy: readonly UsageRef[]; testId?: string }) {
  if (usedBy.length === 0)
    return (
      <Typography.Text type="secondary" className="cell-nowrap" data-testid={testId}>
        {usageCount(usedBy)}
      </Typography.Text>
    );
  return (
    <Popover title="Đang được dùng ở" content={<UsageList usedBy={usedBy} />} trigger="click">
      <Button type="link" size="small" className="measure-usage-link" data-testid={testId}>
        {usageCount(usedBy)}
      </Button>
    </Popover>
  );
}

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/** Shows why a change was refused: the server's words, and for MEASURE_IN_USE what uses it. */
export function showMeasureError(modal: ModalApi, error: unknown, title: string): void {
  const usedBy = usageOfError(error);
  modal.error({
    title,
    width: 520,
    content: (
      <div data-testid="measure-error">
        <p>{errorMessage(error)}</p>
        {usedBy.length > 0 && <UsageList usedBy={usedBy} />}
      </div>
    ),
    okText: 'Đóng',
  });
}

/** Asks, deletes, and on a refusal lists what still uses the element or indicator. */
export function confirmMeasureDelete(
  modal: ModalApi,
  what: { kind: 'element' | 'indicator'; name: string },
  remove: () => Promise<unknown>,
  onDone: () => void,
): void {
  const noun = what.kind === 'element' ? 'thành phần số liệu' : 'chỉ số';
  modal.confirm({
    title: `Xóa ${noun} «${what.name}»?`,
    content: `Chỉ xóa được ${noun} chưa được chỉ số, chỉ tiêu hay biểu mẫu nào dùng. Lịch sử thay đổi vẫn được lưu trong nhật ký.`,
    okText: 'Xóa',
    cancelText: 'Hủy',
    okButtonProps: { danger: true, 'data-testid': 'confirm-ok' } as ButtonProps,
    onOk: async () => {
      try {
        await remove();
        onDone();
      } catch (error) {
        showMeasureError(
          modal,
          error,
          error instanceof ApiError && error.code === MEASURE_IN_USE ? `Không xóa được ${noun} đang được dùng` : `Không xóa được ${noun}`,
        );
      }
    },
  });
}
