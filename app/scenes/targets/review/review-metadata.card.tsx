import { DatePicker, Input, InputNumber, Select, Space, Card } from 'antd';
import dayjs from 'dayjs';
import type { SaveReview } from '../../../api/documents.api.ts';
import { VI_DATE_FORMAT } from '../../../lib/calendar-date.ts';
import { DOCUMENT_KINDS } from '../target-form.model.ts';

type Metadata = SaveReview['metadata'];

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
          <Input
            value={metadata.symbol ?? ''}
            maxLength={60}
            onChange={(e) => onChange({ symbol: e.target.value })}
            disabled={isReadOnly}
            data-testid="review-symbol"
          />
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
            <InputNumber
              min={1945}
              max={2100}
              value={metadata.termFrom ?? undefined}
              onChange={(v) => onChange({ termFrom: v ?? null })}
              disabled={isReadOnly}
              placeholder="từ"
              aria-label="Nhiệm kỳ từ năm"
            />
            <InputNumber
              min={1945}
              max={2100}
              value={metadata.termTo ?? undefined}
              onChange={(v) => onChange({ termTo: v ?? null })}
              disabled={isReadOnly}
              placeholder="đến"
              aria-label="Nhiệm kỳ đến năm"
            />
          </Space.Compact>
        </label>
        <label className="span-2">
          Trích yếu
          <Input
            value={metadata.title}
            maxLength={1000}
            onChange={(e) => onChange({ title: e.target.value })}
            disabled={isReadOnly}
            data-testid="review-title"
          />
        </label>
        <label className="span-2">
          Cơ quan ban hành (như ghi trên văn bản)
          <Input
            value={metadata.issuerText ?? ''}
            maxLength={300}
            onChange={(e) => onChange({ issuerText: e.target.value })}
            disabled={isReadOnly}
          />
        </label>
        <label>
          Địa danh
          <Input value={metadata.place ?? ''} maxLength={100} onChange={(e) => onChange({ place: e.target.value })} disabled={isReadOnly} />
        </label>
        <label>
          Thẩm quyền ký
          <Input
            value={metadata.signerCapacity ?? ''}
            maxLength={200}
            onChange={(e) => onChange({ signerCapacity: e.target.value })}
            disabled={isReadOnly}
            placeholder="TM. Ban Chấp hành"
          />
        </label>
        <label>
          Chức vụ người ký
          <Input
            value={metadata.signerTitle ?? ''}
            maxLength={200}
            onChange={(e) => onChange({ signerTitle: e.target.value })}
            disabled={isReadOnly}
          />
        </label>
        <label>
          Người ký
          <Input
            value={metadata.signerName ?? ''}
            maxLength={200}
            onChange={(e) => onChange({ signerName: e.target.value })}
            disabled={isReadOnly}
          />
        </label>
      </div>
    </Card>
  );
}
