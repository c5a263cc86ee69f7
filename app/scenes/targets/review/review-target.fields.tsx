import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, InputNumber, Radio, Select } from 'antd';
import { useState } from 'react';
import type { Proposal } from '../../../api/documents.api.ts';
import { measureKeys } from '../../../api/measures.api.ts';
import { SECTOR_OPTIONS } from '../../../components/registry/registry-format.ts';
import { UnitPicker } from '../../admin/unit-picker.field.tsx';
import { indicatorNameFromSubject, indicatorUnitForTarget } from '../../measures/indicator-form.model.ts';
import { IndicatorFormModal } from '../../measures/indicator-form.modal.tsx';
import { COMPARATOR_OPTIONS, indicatorFilter, type IndicatorOption } from '../target-form.model.ts';
import { indicatorChoices, NO_INDICATOR, type Draft } from './review.model.ts';

const TIMING_SOURCE: Record<string, string> = {
  clause: 'thời hạn ghi trong câu',
  sentence: 'thời hạn ghi trong câu',
  heading: 'thời hạn theo đề mục',
  section: 'thời hạn theo mục',
  term: 'đến cuối nhiệm kỳ',
  document: 'theo thời hạn của văn bản',
  none: 'văn bản không ghi thời hạn — hãy kiểm tra',
};

const VALUE_UNIT: Record<string, string> = { percent: ' (%)', money: ' (đồng)' };

/** What every group of fields of a review card gets: the target, its draft and how to change it. */
export interface ReviewFieldsProps {
  index: number;
  proposal: Proposal;
  draft: Draft;
  isReadOnly: boolean;
  set: (patch: Partial<Draft>) => void;
}

/** The indicator measuring the target, with Tạo chỉ số mới (or whom to ask) when none fits. */
export function ReviewIndicatorField({
  index,
  proposal,
  draft,
  isReadOnly,
  set,
  issuer,
  indicators,
  canCreateIndicator,
}: ReviewFieldsProps & {
  issuer: { id: number; name: string };
  indicators: readonly IndicatorOption[];
  canCreateIndicator: boolean;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [isCreating, setCreating] = useState(false);
  const indicatorOptions = indicatorChoices(indicators, proposal.suggestions);
  const hasNoIndicator = !draft.indicatorCode;
  return (
    <>
      <div className="field-label">Chỉ số đo</div>
      <Select
        showSearch={{ filterOption: indicatorFilter }}
        style={{ width: '100%' }}
        value={draft.indicatorCode || NO_INDICATOR}
        onChange={(v: string) => set({ indicatorCode: v === NO_INDICATOR ? null : v })}
        options={indicatorOptions}
        placeholder="Chọn chỉ số"
        disabled={isReadOnly}
        status={draft.decision === 'confirm' && !draft.indicatorCode ? 'error' : undefined}
        data-testid={`review-indicator-${draft.key}`}
        // The visible caption sits above, not in a <label>: screen readers get it this way.
        aria-label={`Chỉ số đo — chỉ tiêu ${index + 1}`}
      />
      {hasNoIndicator && !isReadOnly && (
        <div className="review-no-indicator" data-testid={`review-no-indicator-${draft.key}`}>
          {canCreateIndicator ? (
            <>
              <span className="cell-muted">Danh mục chưa có chỉ số đo chỉ tiêu này?</span>
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid={`review-create-indicator-${draft.key}`}
              >
                Tạo chỉ số mới
              </Button>
            </>
          ) : (
            <span className="cell-muted">Chưa có chỉ số phù hợp: đề nghị người quản lý biểu mẫu và chỉ số của đơn vị tạo chỉ số mới.</span>
          )}
        </div>
      )}
      {isCreating && (
        <IndicatorFormModal
          indicator={null}
          prefill={{
            name: indicatorNameFromSubject(draft.subject || proposal.subject, proposal.unit),
            unit: indicatorUnitForTarget(proposal.unit),
          }}
          owner={issuer}
          onClose={() => setCreating(false)}
          onSaved={(item) => {
            setCreating(false);
            // Linked as if chosen from the list: the draft autosaves it and Xác nhận carries it.
            set({ indicatorCode: item.code });
            void queryClient.invalidateQueries({ queryKey: measureKeys.indicators });
            void message.success(`Đã tạo chỉ số «${item.name}» và gắn cho chỉ tiêu ${index + 1}.`);
          }}
        />
      )}
    </>
  );
}

/** Comparator, value and deadline (a year, or every year), and where the deadline was read from. */
export function ReviewTermsFields({ index, proposal, draft, isReadOnly, set }: ReviewFieldsProps) {
  return (
    <>
      <div className="form-row" style={{ marginTop: 8 }}>
        <div>
          <div className="field-label">So sánh</div>
          <Select
            style={{ width: '100%' }}
            value={draft.comparator}
            onChange={(v) => set({ comparator: v })}
            options={[...COMPARATOR_OPTIONS]}
            disabled={isReadOnly}
            aria-label={`So sánh — chỉ tiêu ${index + 1}`}
          />
        </div>
        <div>
          <div className="field-label">Giá trị{VALUE_UNIT[proposal.unit] ?? ''}</div>
          <InputNumber<number>
            style={{ width: '100%' }}
            value={draft.value}
            min={0}
            decimalSeparator=","
            onChange={(v) => set({ value: v ?? 0 })}
            disabled={isReadOnly}
            data-testid={`review-value-${draft.key}`}
            aria-label={`Giá trị — chỉ tiêu ${index + 1}`}
          />
        </div>
        <div>
          <div className="field-label">Thời hạn</div>
          <Radio.Group
            size="small"
            value={draft.annual ? 'annual' : 'deadline'}
            disabled={isReadOnly}
            aria-label={`Thời hạn — chỉ tiêu ${index + 1}`}
            onChange={(e) => set({ annual: e.target.value === 'annual' })}
            options={[
              { value: 'deadline', label: 'Đến năm' },
              { value: 'annual', label: 'Hằng năm' },
            ]}
          />
          {!draft.annual && (
            <InputNumber
              style={{ width: '100%', marginTop: 4 }}
              min={2000}
              max={2100}
              value={draft.deadlineYear ?? undefined}
              onChange={(v) => set({ deadlineYear: v ?? null })}
              disabled={isReadOnly}
              status={!draft.deadlineYear && draft.decision === 'confirm' ? 'error' : undefined}
              aria-label={`Đến năm — chỉ tiêu ${index + 1}`}
            />
          )}
        </div>
      </div>
      <div className="cell-muted">Thời hạn đọc được: {TIMING_SOURCE[proposal.timingSource] ?? proposal.timingSource}</div>
    </>
  );
}

/** Who carries the target out and which employers it counts: unit, sectors, smallest size. */
export function ReviewScopeFields({
  index,
  draft,
  isReadOnly,
  set,
  issuer,
}: Omit<ReviewFieldsProps, 'proposal'> & { issuer: { id: number; name: string } }) {
  return (
    <div className="form-row" style={{ marginTop: 8 }}>
      <div>
        <div className="field-label">Đơn vị thực hiện</div>
        <UnitPicker
          value={draft.unitId ?? issuer.id}
          onChange={(v) => set({ unitId: v ?? issuer.id })}
          initialUnit={issuer}
          aria-label={`Đơn vị thực hiện — chỉ tiêu ${index + 1}`}
        />
      </div>
      <div>
        <div className="field-label">Khu vực</div>
        <Select
          mode="multiple"
          allowClear
          style={{ width: '100%' }}
          value={draft.sectors ?? []}
          onChange={(v) => set({ sectors: v })}
          options={SECTOR_OPTIONS.map((o) => ({ ...o }))}
          placeholder="Mọi khu vực"
          disabled={isReadOnly}
          aria-label={`Khu vực — chỉ tiêu ${index + 1}`}
        />
      </div>
      <div>
        <div className="field-label">Từ … lao động</div>
        <InputNumber
          style={{ width: '100%' }}
          min={0}
          max={100000}
          value={draft.minWorkers ?? undefined}
          onChange={(v) => set({ minWorkers: v ?? null })}
          disabled={isReadOnly}
          placeholder="Mọi cỡ"
          aria-label={`Từ … lao động — chỉ tiêu ${index + 1}`}
        />
      </div>
    </div>
  );
}
