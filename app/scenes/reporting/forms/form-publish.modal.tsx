import { Alert, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { todayIso } from '../../../lib/calendar-date.ts';
import { publishPeriodOptions, type FormCalendar } from './form-versions.model.ts';

interface Props {
  open: boolean;
  form: FormCalendar & { name: string };
  version: number | null;
  /** Saves first when needed, then publishes; resolves with the server's refusal in Vietnamese, or null when done. */
  onPublish: (fromPeriod: string, label: string) => Promise<string | null>;
  onCancel: () => void;
}

/** Áp dụng từ kỳ…: the period running today or one of the next; the server refuses a period that already has reports, in its own words. */
export function FormPublishModal({ open, form, version, onPublish, onCancel }: Props) {
  const options = useMemo(() => publishPeriodOptions(form, todayIso()), [form]);
  const [period, setPeriod] = useState<string>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = options.find((o) => (period ? o.code === period : o.isDefault)) ?? options[0];

  const publish = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      setError(await onPublish(chosen.code, chosen.label));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={version ? `Áp dụng phiên bản ${version} từ kỳ…` : 'Áp dụng phiên bản mới từ kỳ…'}
      okText="Áp dụng"
      cancelText="Hủy"
      confirmLoading={busy}
      okButtonProps={{ disabled: !chosen, 'data-testid': 'publish-confirm' } as never}
      onOk={() => void publish()}
      onCancel={() => {
        setError(null);
        onCancel();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        Báo cáo của đơn vị từ kỳ được chọn trở đi sẽ dùng phiên bản này của biểu mẫu «{form.name}». Báo cáo các kỳ trước vẫn giữ biểu mẫu đã
        dùng. Sau khi áp dụng, phiên bản không sửa được nữa.
      </Typography.Paragraph>
      <label className="form-rule-pick">
        <span>Áp dụng từ kỳ</span>
        <Select
          value={chosen?.code}
          onChange={(v) => {
            setPeriod(v);
            setError(null);
          }}
          data-testid="publish-period"
          aria-label="Áp dụng từ kỳ"
          options={options.map((o) => ({
            value: o.code,
            label: o.isOpen ? `${o.label} (đang nhận báo cáo)` : o.isDefault ? `${o.label} (kỳ tới)` : o.label,
          }))}
        />
      </label>
      {chosen?.isOpen && (
        <Typography.Paragraph type="secondary" className="form-publish-note">
          Kỳ này đang nhận báo cáo: nếu đã có đơn vị lập báo cáo kỳ này theo biểu mẫu, hệ thống sẽ không cho áp dụng từ kỳ này — hãy chọn kỳ
          sau.
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="publish-error" />}
    </Modal>
  );
}
