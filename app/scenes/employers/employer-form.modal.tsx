import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { createEmployer, updateEmployer, type EmployerItem } from '../../api/registry.api.ts';
import { useSubmitForm } from '../../components/use-form-submit.hook.ts';
import { CdcsPicker } from '../../components/registry/cdcs-picker.field.tsx';
import { SECTOR_OPTIONS } from '../../components/registry/registry-format.ts';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { FormModal, type FormModalCallbacks } from '../../components/form.modal.tsx';

interface Shape {
  taxCode?: string;
  name: string;
  sector: 'hcsn' | 'dnnn' | 'private' | 'fdi';
  industry?: string;
  address?: string;
  provinceName?: string;
  communeName?: string;
  areaUnitId?: number;
  cdcsUnitId?: number;
  workers?: number | null;
  womenWorkers?: number | null;
  workersCountedOn?: Dayjs | null;
}

const FIELDS = [
  'taxCode',
  'name',
  'sector',
  'industry',
  'address',
  'provinceName',
  'communeName',
  'areaUnitId',
  'cdcsUnitId',
  'workers',
  'womenWorkers',
  'workersCountedOn',
] as const;
const blank = (v: string | undefined) => v?.normalize('NFC').trim() || null;

/** Adds or edits an employer; the tax code is checked by the server (10 or 10-3 digits with a check digit). */
export function EmployerFormModal({ employer, onClose, onSaved }: { employer: EmployerItem | null } & FormModalCallbacks<EmployerItem>) {
  const { form, saving, formError, run } = useSubmitForm<Shape>(FIELDS);

  const submit = async (v: Shape) => {
    const fields = {
      name: v.name.normalize('NFC').trim(),
      sector: v.sector,
      industry: blank(v.industry),
      address: blank(v.address),
      provinceName: blank(v.provinceName),
      communeName: blank(v.communeName),
      areaUnitId: v.areaUnitId!,
      cdcsUnitId: v.cdcsUnitId ?? null,
      workers: v.workers ?? null,
      womenWorkers: v.womenWorkers ?? null,
      workersCountedOn: v.workersCountedOn ? v.workersCountedOn.format('YYYY-MM-DD') : null,
    };
    await run(async () =>
      onSaved(
        employer ? await updateEmployer(employer.id, fields) : await createEmployer({ taxCode: (v.taxCode ?? '').trim(), ...fields }),
      ),
    );
  };

  return (
    <FormModal
      form={form}
      title={employer ? `Sửa thông tin ${employer.name}` : 'Thêm doanh nghiệp'}
      okText={employer ? 'Lưu thay đổi' : 'Thêm doanh nghiệp'}
      width={680}
      saving={saving}
      submitTestId="employer-form-submit"
      initialValues={
        employer
          ? {
              ...employer,
              sector: employer.sector as Shape['sector'],
              industry: employer.industry ?? '',
              address: employer.address ?? '',
              provinceName: employer.provinceName ?? '',
              communeName: employer.communeName ?? '',
              areaUnitId: employer.areaUnit.id,
              cdcsUnitId: employer.cdcs?.id,
              workersCountedOn: employer.workersCountedOn ? dayjs(employer.workersCountedOn) : null,
            }
          : { sector: 'private' }
      }
      onFinish={submit}
      onClose={onClose}
      formError={formError}
    >
      <div className="form-row">
        <Form.Item name="taxCode" label="Mã số thuế" rules={[{ required: !employer, whitespace: true, message: 'Hãy nhập mã số thuế.' }]}>
          <Input maxLength={20} disabled={!!employer} placeholder="10 chữ số, hoặc 10 chữ số-3 chữ số" data-testid="employer-form-tax" />
        </Form.Item>
        <Form.Item name="sector" label="Khu vực" rules={[{ required: true, message: 'Hãy chọn khu vực.' }]}>
          <Select options={[...SECTOR_OPTIONS]} />
        </Form.Item>
      </div>
      <Form.Item name="name" label="Tên đơn vị sử dụng lao động" rules={[{ required: true, whitespace: true, message: 'Hãy nhập tên.' }]}>
        <Input maxLength={300} data-testid="employer-form-name" />
      </Form.Item>
      <Form.Item name="industry" label="Ngành nghề">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="address" label="Địa chỉ">
        <Input maxLength={500} />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="communeName" label="Xã, phường">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="provinceName" label="Tỉnh, thành phố">
          <Input maxLength={100} />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="areaUnitId" label="Công đoàn cấp trên quản lý địa bàn" rules={[{ required: true, message: 'Hãy chọn đơn vị.' }]}>
          <UnitPicker initialUnit={employer?.areaUnit ?? null} />
        </Form.Item>
        <Form.Item name="cdcsUnitId" label="Công đoàn cơ sở (nếu đã có)">
          <CdcsPicker allowClear initial={employer?.cdcs ?? null} placeholder="Chưa có CĐCS" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="workers" label="Số lao động">
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="womenWorkers" label="Lao động nữ">
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="workersCountedOn" label="Số liệu tính đến ngày">
          <DatePicker format={VI_DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
      </div>
    </FormModal>
  );
}
