import { DatePicker, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../../api/api-client.ts';
import type { IndicatorUnit, PreviewResult } from '../../api/measures.api.ts';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { formatElementValue, formatPreviewValue, NO_DATA, referencedCodes } from './indicator-form.model.ts';

export interface PreviewPlace {
  unitId: number | undefined;
  date: string;
}

/**
 * Xem trước: the indicator's value for a chosen unit (its whole subtree) and date, as the server
 * would compute it once saved, with the numerator, the denominator and each element's figure.
 */
export function IndicatorPreviewPanel({
  place,
  onPlace,
  initialUnit,
  unit,
  numerator,
  denominator,
  preview,
  nameOf,
  unitOf,
}: {
  place: PreviewPlace;
  onPlace: (place: PreviewPlace) => void;
  initialUnit: { id: number; name: string } | null;
  unit: IndicatorUnit | undefined;
  numerator: string;
  denominator: string | null;
  /** Disabled (no figures asked) while the numerator is empty. */
  preview: UseQueryResult<PreviewResult>;
  nameOf: (code: string) => string | undefined;
  unitOf: (code: string) => string | undefined;
}) {
  const data = preview.data;
  const codes = [...referencedCodes(numerator), ...referencedCodes(denominator)].filter((c, i, all) => all.indexOf(c) === i);
  const hasProblems = (data?.problems.length ?? 0) > 0;
  const isShare = unit === 'percent' || unit === 'ratio';

  return (
    <div className="measure-preview" data-testid="indicator-preview">
      <div className="measure-preview-head">
        <Typography.Text strong>Xem trước giá trị</Typography.Text>
        {preview.isFetching && <Spin size="small" />}
      </div>
      <div className="form-row measure-form-row">
        <label className="measure-preview-field">
          <span className="cell-muted">Đơn vị (cả các đơn vị trực thuộc)</span>
          <UnitPicker
            value={place.unitId}
            initialUnit={initialUnit}
            onChange={(unitId) => onPlace({ ...place, unitId })}
            data-testid="indicator-preview-unit"
          />
        </label>
        <label className="measure-preview-field">
          <span className="cell-muted">Ngày tính</span>
          <DatePicker
            format={VI_DATE_FORMAT}
            allowClear={false}
            style={{ width: '100%' }}
            value={dayjs(place.date)}
            onChange={(d) => d && onPlace({ ...place, date: d.format('YYYY-MM-DD') })}
            data-testid="indicator-preview-date"
          />
        </label>
      </div>
      {!preview.isEnabled ? (
        <Typography.Text type="secondary">Nhập tử số để xem giá trị.</Typography.Text>
      ) : preview.isError ? (
        <Typography.Text type="danger" data-testid="indicator-preview-error">
          {errorMessage(preview.error)}
        </Typography.Text>
      ) : !data ? (
        <Typography.Text type="secondary">Đang tính…</Typography.Text>
      ) : hasProblems ? (
        <Typography.Text type="warning" data-testid="indicator-preview-value">
          Chưa tính được: sửa các lỗi ghi dưới công thức.
        </Typography.Text>
      ) : (
        <>
          <div className={`measure-preview-value${data.value === null ? ' is-empty' : ''}`} data-testid="indicator-preview-value">
            {formatPreviewValue(data.value, unit ?? 'count')}
          </div>
          {isShare && (
            <div className="cell-muted" data-testid="indicator-preview-parts">
              Tử số: {formatPreviewValue(data.numerator, 'count')} · Mẫu số: {formatPreviewValue(data.denominator, 'count')}
              {data.denominator === 0 && ' — mẫu số bằng 0 nên chưa tính được tỷ lệ'}
            </div>
          )}
          {data.value === null && data.denominator !== 0 && (
            <div className="cell-muted">
              Đơn vị này chưa có số liệu vào ngày đã chọn (số liệu nhập qua biểu mẫu chỉ có từ các báo cáo đã được duyệt).
            </div>
          )}
          {codes.length > 0 && (
            <ul className="measure-preview-elements" data-testid="indicator-preview-elements">
              {codes.map((code) => {
                const value = data.elements[code];
                return (
                  <li key={code} data-testid={`indicator-preview-element-${code}`}>
                    <span>{nameOf(code) ?? code}</span>
                    <span className={value === null || value === undefined ? 'cell-muted' : 'cell-number'}>
                      {value === undefined ? NO_DATA : formatElementValue(value, unitOf(code) ?? 'count')}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
