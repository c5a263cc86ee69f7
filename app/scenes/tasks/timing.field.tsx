import { DatePicker, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { TIMING_OPTIONS, type TimingValue } from './task-format.ts';

/** Thời hạn: a deadline day, a year, every year, every quarter, or thường xuyên (ongoing). */
export function TimingField({
  value,
  onChange,
  testId = 'task-timing',
  disabled,
}: {
  value?: TimingValue;
  onChange?: (v: TimingValue) => void;
  testId?: string;
  disabled?: boolean;
}) {
  const v = value ?? { kind: 'deadline' };
  const set = (patch: Partial<TimingValue>) => onChange?.({ ...v, ...patch });
  return (
    <Space.Compact className="task-timing" data-testid={testId}>
      <Select
        value={v.kind}
        onChange={(kind) => set({ kind })}
        options={TIMING_OPTIONS}
        disabled={disabled}
        className="task-timing-kind"
        data-testid={`${testId}-kind`}
        popupMatchSelectWidth={false}
      />
      {v.kind === 'deadline' && (
        <DatePicker
          format={VI_DATE_FORMAT}
          value={v.deadline ? dayjs(v.deadline) : null}
          onChange={(d) => set({ deadline: d ? d.format('YYYY-MM-DD') : null })}
          placeholder="Ngày hết hạn"
          disabled={disabled}
          data-testid={`${testId}-deadline`}
        />
      )}
      {v.kind === 'year' && (
        <InputNumber
          min={2000}
          max={2100}
          value={v.year ?? null}
          onChange={(year) => set({ year })}
          placeholder="Năm"
          disabled={disabled}
          data-testid={`${testId}-year`}
        />
      )}
    </Space.Compact>
  );
}
