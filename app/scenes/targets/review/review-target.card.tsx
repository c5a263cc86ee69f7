import { Card, Input, InputNumber, Radio, Select, Tag } from 'antd';
import { memo } from 'react';
import type { Proposal } from '../../../api/documents.api.ts';
import { SECTOR_OPTIONS } from '../../../components/registry/registry-format.ts';
import { UnitPicker } from '../../admin/unit-picker.field.tsx';
import { COMPARATOR_OPTIONS, INDICATOR_OPTIONS } from '../target-form.model.ts';
import { termsPhrase, type Draft } from './review.model.ts';

const TIMING_SOURCE: Record<string, string> = {
  clause: 'thời hạn ghi trong câu', sentence: 'thời hạn ghi trong câu', heading: 'thời hạn theo đề mục', section: 'thời hạn theo mục',
  term: 'đến cuối nhiệm kỳ', document: 'theo thời hạn của văn bản', none: 'văn bản không ghi thời hạn — hãy kiểm tra',
};

const VALUE_UNIT: Record<string, string> = { percent: ' (%)', money: ' (đồng)' };

/** One extracted target: confirm or drop it, and correct what it is measured by, where and by when. */
export const ReviewTargetCard = memo(function ReviewTargetCard({ index, proposal, draft, issuer, isSelected, isReadOnly, onSelect, onChange }: {
  index: number;
  proposal: Proposal;
  draft: Draft;
  issuer: { id: number; name: string };
  isSelected: boolean;
  isReadOnly: boolean;
  onSelect: (key: string) => void;
  onChange: (key: string, patch: Partial<Draft>) => void;
}) {
  const set = (patch: Partial<Draft>) => onChange(draft.key, patch);
  const suggested = new Set(proposal.suggestions.map((s) => s.code));
  const indicatorOptions = [
    ...(proposal.suggestions.length ? [{ label: 'Gợi ý theo nội dung chỉ tiêu', options: INDICATOR_OPTIONS.filter((o) => suggested.has(o.value)).sort((a, b) => [...suggested].indexOf(a.value) - [...suggested].indexOf(b.value)) }] : []),
    { label: 'Danh mục chỉ số', options: INDICATOR_OPTIONS.filter((o) => !suggested.has(o.value)) },
  ];
  return (
    <Card
      size="small"
      className={`review-card is-${draft.decision}${isSelected ? ' is-selected' : ''}`}
      data-testid={`review-target-${draft.key}`}
      data-review-key={draft.key}
      onClick={() => onSelect(draft.key)}
      title={
        <span>
          Chỉ tiêu {index + 1}{proposal.change && <Tag color="orange" style={{ marginLeft: 8 }}>mức tăng/giảm</Tag>}
          <span className="review-card-terms" data-testid={`review-terms-${draft.key}`}>{termsPhrase(draft, proposal.unit)}</span>
        </span>
      }
      extra={
        <Radio.Group
          size="small"
          optionType="button"
          buttonStyle="solid"
          disabled={isReadOnly}
          value={draft.decision}
          onChange={(e) => set({ decision: e.target.value })}
          options={[{ value: 'confirm', label: 'Xác nhận' }, { value: 'drop', label: 'Bỏ' }]}
          data-testid={`review-decision-${draft.key}`}
        />
      }
    >
      <div className="review-quote">“{proposal.quote}”</div>
      {draft.decision !== 'drop' && (
        <div onClick={(e) => e.stopPropagation()}>
          <div className="field-label">Chỉ số đo</div>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            value={draft.indicatorCode ?? undefined}
            onChange={(v) => set({ indicatorCode: v })}
            options={indicatorOptions}
            placeholder="Chọn chỉ số"
            disabled={isReadOnly}
            status={draft.decision === 'confirm' && !draft.indicatorCode ? 'error' : undefined}
            data-testid={`review-indicator-${draft.key}`}
          />
          <div className="form-row" style={{ marginTop: 8 }}>
            <div>
              <div className="field-label">So sánh</div>
              <Select style={{ width: '100%' }} value={draft.comparator} onChange={(v) => set({ comparator: v })} options={[...COMPARATOR_OPTIONS]} disabled={isReadOnly} />
            </div>
            <div>
              <div className="field-label">Giá trị{VALUE_UNIT[proposal.unit] ?? ''}</div>
              <InputNumber<number> style={{ width: '100%' }} value={draft.value} min={0} decimalSeparator="," onChange={(v) => set({ value: v ?? 0 })} disabled={isReadOnly} data-testid={`review-value-${draft.key}`} />
            </div>
            <div>
              <div className="field-label">Thời hạn</div>
              <Radio.Group size="small" value={draft.annual ? 'annual' : 'deadline'} disabled={isReadOnly}
                onChange={(e) => set({ annual: e.target.value === 'annual' })}
                options={[{ value: 'deadline', label: 'Đến năm' }, { value: 'annual', label: 'Hằng năm' }]} />
              {!draft.annual && (
                <InputNumber style={{ width: '100%', marginTop: 4 }} min={2000} max={2100} value={draft.deadlineYear ?? undefined} onChange={(v) => set({ deadlineYear: v ?? null })} disabled={isReadOnly} status={!draft.deadlineYear && draft.decision === 'confirm' ? 'error' : undefined} />
              )}
            </div>
          </div>
          <div className="cell-muted">Thời hạn đọc được: {TIMING_SOURCE[proposal.timingSource] ?? proposal.timingSource}</div>
          <div className="form-row" style={{ marginTop: 8 }}>
            <div>
              <div className="field-label">Đơn vị thực hiện</div>
              <UnitPicker value={draft.unitId ?? issuer.id} onChange={(v) => set({ unitId: v ?? issuer.id })} initialUnit={issuer} />
            </div>
            <div>
              <div className="field-label">Khu vực</div>
              <Select mode="multiple" allowClear style={{ width: '100%' }} value={draft.sectors ?? []} onChange={(v) => set({ sectors: v })} options={SECTOR_OPTIONS.map((o) => ({ ...o }))} placeholder="Mọi khu vực" disabled={isReadOnly} />
            </div>
            <div>
              <div className="field-label">Từ … lao động</div>
              <InputNumber style={{ width: '100%' }} min={0} max={100000} value={draft.minWorkers ?? undefined} onChange={(v) => set({ minWorkers: v ?? null })} disabled={isReadOnly} placeholder="Mọi cỡ" />
            </div>
          </div>
          <div className="field-label" style={{ marginTop: 8 }}>Nội dung chỉ tiêu</div>
          <Input value={draft.subject ?? ''} maxLength={1000} onChange={(e) => set({ subject: e.target.value })} disabled={isReadOnly} />
        </div>
      )}
    </Card>
  );
});
