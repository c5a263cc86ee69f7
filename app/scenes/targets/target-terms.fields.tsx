import { Form, InputNumber, Radio, Select } from 'antd';
import { SECTOR_OPTIONS } from '../../components/registry/registry-format.ts';
import { COMPARATOR_OPTIONS } from './target-form.model.ts';

const UNIT_SUFFIX = { count: '', percent: '%', ratio: '', money: 'đồng' } as const;

/**
 * What a target says, as both the new-target form and *Sửa chỉ tiêu* ask it: comparator and
 * value, the timing, and the scope (sectors, employer size). The caller's Form holds the values.
 */
export function TargetTermsFields({
  unit,
  timing,
  valueTestId,
  minWorkersPlaceholder,
}: {
  unit: keyof typeof UNIT_SUFFIX | undefined;
  timing: 'deadline' | 'annual' | undefined;
  valueTestId: string;
  minWorkersPlaceholder: string;
}) {
  return (
    <>
      <div className="form-row">
        <Form.Item name="comparator" label="So sánh" rules={[{ required: true, message: 'Hãy chọn cách so sánh.' }]}>
          <Select options={[...COMPARATOR_OPTIONS]} />
        </Form.Item>
        <Form.Item name="value" label="Giá trị chỉ tiêu" rules={[{ required: true, message: 'Hãy nhập giá trị.' }]}>
          <InputNumber<number>
            style={{ width: '100%' }}
            min={0}
            max={unit === 'percent' ? 100 : undefined}
            decimalSeparator=","
            suffix={unit ? UNIT_SUFFIX[unit] : undefined}
            data-testid={valueTestId}
          />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="timing" label="Thời hạn">
          <Radio.Group
            options={[
              { value: 'deadline', label: 'Đến năm' },
              { value: 'annual', label: 'Hằng năm' },
            ]}
          />
        </Form.Item>
        {timing !== 'annual' && (
          <Form.Item name="deadlineYear" label="Năm hoàn thành" rules={[{ required: true, message: 'Hãy nhập năm hoàn thành.' }]}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </div>
      <div className="form-row">
        <Form.Item name="sectors" label="Khu vực (để trống: mọi khu vực)">
          <Select mode="multiple" allowClear options={SECTOR_OPTIONS.map((o) => ({ ...o }))} placeholder="Mọi khu vực" />
        </Form.Item>
        <Form.Item name="minWorkers" label="Chỉ tính đơn vị có từ … lao động">
          <InputNumber min={0} max={100000} style={{ width: '100%' }} placeholder={minWorkersPlaceholder} />
        </Form.Item>
      </div>
    </>
  );
}
