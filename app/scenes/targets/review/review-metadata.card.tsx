import { DatePicker, Input, InputNumber, Select, Space, Card } from 'antd';
import dayjs from 'dayjs';
import type { SaveReview } from '../../../api/documents.api.ts';
import { VI_DATE_FORMAT } from '../../../lib/calendar-date.ts';
import { DOCUMENT_KINDS } from '../target-form.model.ts';

type Metadata = SaveReview['metadata'];

type TextField = 'symbol' | 'title' | 'issuerText' | 'place' | 'signerCapacity' | 'signerTitle' | 'signerName';

/** The document's own details as read from its text, each correctable while the review is open. */
export function ReviewMetadataCard({
  metadata,
  onChange,
  isReadOnly,
}: {
  metadata: Metadata;
  onChange: (patch: Partial<Metadata>) => void;
  isReadOnly: boolean;
}) {
  /** A detail typed as text, empty where the reader found none. */
  const text = (field: TextField, maxLength: number, { testId, placeholder }: { testId?: string; placeholder?: string } = {}) => (
    <Input
      value={metadata[field] ?? ''}
      maxLength={maxLength}
      onChange={(e) => onChange({ [field]: e.target.value })}
      disabled={isReadOnly}
      placeholder={placeholder}
      data-testid={testId}
    />
  );
  /** A year of the term. */
  const termYear = (field: 'termFrom' | 'termTo', placeholder: string, ariaLabel: string) => (
    <InputNumber
      min={1945}
      max={2100}
      value={metadata[field] ?? undefined}
      onChange={(v) => onChange({ [field]: v ?? null })}
      disabled={isReadOnly}
      placeholder={placeholder}
      aria-label={ariaLabel}
    />
  );
  return (
    <Card size="small" title="Thông tin văn bản (đọc từ văn bản, sửa nếu cần)" style={{ marginBottom: 12 }}>
      <div className="review-meta">
        <label>
          Loại văn bản
          <Select
            value={metadata.kind}
            onChange={(kind) => onChange({ kind })}
            options={DOCUMENT_KINDS.map((k) => ({ ...k }))}
            disabled={isReadOnly}
            style={{ width: '100%' }}
            aria-label="Loại văn bản"
          />
        </label>
        <label>
          Số, ký hiệu
          {text('symbol', 60, { testId: 'review-symbol' })}
        </label>
        <label>
          Ngày ban hành
          <DatePicker
            format={VI_DATE_FORMAT}
            style={{ width: '100%' }}
            value={metadata.issuedOn ? dayjs(metadata.issuedOn) : null}
            onChange={(d) => onChange({ issuedOn: d ? d.format('YYYY-MM-DD') : null })}
            disabled={isReadOnly}
            aria-label="Ngày ban hành"
          />
        </label>
        <label>
          Nhiệm kỳ
          <Space.Compact style={{ width: '100%' }}>
            {termYear('termFrom', 'từ', 'Nhiệm kỳ từ năm')}
            {termYear('termTo', 'đến', 'Nhiệm kỳ đến năm')}
          </Space.Compact>
        </label>
        <label className="span-2">
          Trích yếu
          {text('title', 1000, { testId: 'review-title' })}
        </label>
        <label className="span-2">
          Cơ quan ban hành (như ghi trên văn bản)
          {text('issuerText', 300)}
        </label>
        <label>
          Địa danh
          {text('place', 100)}
        </label>
        <label>
          Thẩm quyền ký
          {text('signerCapacity', 200, { placeholder: 'TM. Ban Chấp hành' })}
        </label>
        <label>
          Chức vụ người ký
          {text('signerTitle', 200)}
        </label>
        <label>
          Người ký
          {text('signerName', 200)}
        </label>
      </div>
    </Card>
  );
}
