import type { App } from 'antd';
import type { ReactNode } from 'react';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

export interface ConfirmActionOptions {
  /** The question, naming what and to whom: "Gửi báo cáo năm 2026 lên Công đoàn phường Tân Ninh?" */
  title: ReactNode;
  /** What happens afterwards and how (or whether) it can be undone. */
  content: ReactNode;
  okText: string;
  isDanger?: boolean;
}

/**
 * Asks before an action that cannot simply be taken back (a report sent up, reports accepted).
 * Resolves true only on the confirming button; Hủy, Esc, the close button or a click outside
 * all mean "no", and nothing is sent. One look and one pair of test ids for every such question.
 */
export function confirmAction(modal: ModalApi, options: ConfirmActionOptions): Promise<boolean> {
  return new Promise((resolve) => {
    modal.confirm({
      title: options.title,
      content: options.content,
      okText: options.okText,
      cancelText: 'Hủy',
      okButtonProps: { danger: options.isDanger, 'data-testid': 'confirm-ok' } as never,
      cancelButtonProps: { 'data-testid': 'confirm-cancel' } as never,
      className: 'confirm-action',
      width: 520,
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}
