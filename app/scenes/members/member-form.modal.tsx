import { DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { createMember, updateMember, type MemberItem } from '../../api/members.api.ts';
import { useSubmitForm } from '../../components/use-form-submit.hook.ts';
import { CdcsPicker } from '../../components/registry/cdcs-picker.field.tsx';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { MEMBER_FORM_FIELDS, createBody, formValuesOf, updateBody, type MemberFormValues } from './member-form.model.ts';
import { FormModal, type FormModalCallbacks } from '../../components/form.modal.tsx';

type FormShape = Omit<MemberFormValues, 'birthDate' | 'joinedOn'> & { birthDate?: Dayjs; joinedOn?: Dayjs };

const iso = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** Adds a member (into a chosen CĐCS) or edits one; the server's Vietnamese messages land on their fields. */
export function MemberFormModal({ member, onClose, onSaved }: { member: MemberItem | null } & FormModalCallbacks<MemberItem>) {
  const { form, saving, formError, run } = useSubmitForm<FormShape>(MEMBER_FORM_FIELDS);
  const initial = member ? formValuesOf(member) : undefined;

  const submit = async (shape: FormShape) => {
    const values: MemberFormValues = { ...shape, birthDate: iso(shape.birthDate), joinedOn: iso(shape.joinedOn) };
    await run(async () => {
      if (member) {
        const body = updateBody(member, values);
        onSaved(Object.keys(body).length > 0 ? await updateMember(member.id, body) : member);
      } else {
        onSaved(await createMember(createBody(values)));
      }
    });
  };

  return (
    <FormModal
      form={form}
      title={member ? `Sửa hồ sơ ${member.fullName}` : 'Thêm đoàn viên'}
      okText={member ? 'Lưu thay đổi' : 'Thêm đoàn viên'}
      width={620}
      saving={saving}
      submitTestId="member-form-submit"
      initialValues={
        initial ? { ...initial, birthDate: dayjs(initial.birthDate), joinedOn: dayjs(initial.joinedOn) } : { gender: 'female' }
      }
      onFinish={submit}
      onClose={onClose}
      formError={formError}
      formErrorTestId="member-form-error"
    >
      <Form.Item name="fullName" label="Họ và tên" rules={[{ required: true, whitespace: true, message: 'Hãy nhập họ và tên.' }]}>
        <Input maxLength={120} data-testid="member-form-fullname" />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="gender" label="Giới tính" rules={[{ required: true, message: 'Hãy chọn giới tính.' }]}>
          <Radio.Group
            options={[
              { value: 'male', label: 'Nam' },
              { value: 'female', label: 'Nữ' },
            ]}
          />
        </Form.Item>
        <Form.Item name="birthDate" label="Ngày sinh" rules={[{ required: true, message: 'Hãy chọn ngày sinh.' }]}>
          <DatePicker format={VI_DATE_FORMAT} placeholder="dd/mm/yyyy" data-testid="member-form-birthdate" />
        </Form.Item>
        <Form.Item name="joinedOn" label="Ngày vào Công đoàn" rules={[{ required: true, message: 'Hãy chọn ngày vào Công đoàn.' }]}>
          <DatePicker format={VI_DATE_FORMAT} placeholder="dd/mm/yyyy" data-testid="member-form-joined" />
        </Form.Item>
      </div>
      <Form.Item
        name="cccd"
        label="Số CCCD"
        extra={
          member?.personalDataMasked
            ? 'Số đang được che theo quyền của bạn; để nguyên nếu không sửa.'
            : '12 chữ số, ba số đầu là mã tỉnh nơi đăng ký khai sinh.'
        }
        rules={[{ required: true, whitespace: true, message: 'Hãy nhập số CCCD.' }]}
      >
        <Input maxLength={20} data-testid="member-form-cccd" />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="phone" label="Số điện thoại">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="ethnicity" label="Dân tộc">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="cardNumber" label="Số thẻ đoàn viên">
          <Input maxLength={30} />
        </Form.Item>
      </div>
      {!member && (
        <Form.Item name="cdcsUnitId" label="Công đoàn cơ sở" rules={[{ required: true, message: 'Hãy chọn công đoàn cơ sở.' }]}>
          <CdcsPicker data-testid="member-form-cdcs" />
        </Form.Item>
      )}
    </FormModal>
  );
}
