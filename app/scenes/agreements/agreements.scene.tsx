import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import {
  agreementExportUrl,
  agreementsQuery,
  attachAgreementFile,
  registryKeys,
  type AgreementFilter,
  type AgreementItem,
} from '../../api/registry.api.ts';
import { ChoiceFilter } from '../../components/choice-filter.tsx';
import { CursorTable } from '../../components/registry/cursor-table.tsx';
import { useRegistryAccess } from '../../components/registry/registry-permissions.ts';
import { ImportButton, RegistryListShell, UnitFilter } from '../../components/registry/registry-list.shell.tsx';
import { useCursorList } from '../../components/registry/use-cursor-list.hook.ts';
import { useListSort } from '../../components/registry/use-registry-filters.hook.ts';
import { agreementColumns } from './agreement-columns.tsx';
import { VI_DATE_FORMAT, todayIso } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { AgreementCountWidget } from './agreement-count.widget.tsx';
import { AgreementFormModal, QUALITY_OPTIONS } from './agreement-form.modal.tsx';
import '../../components/registry/registry.css';

const MAX_FILE_BYTES = 20 * 1024 * 1024;

export default function AgreementsScene() {
  useDocumentTitle('Thỏa ước');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { canWrite } = useRegistryAccess();
  const [unitId, setUnitId] = useState<number>();
  const [inForceOn, setInForceOn] = useState<string | undefined>(todayIso());
  const [minQuality, setMinQuality] = useState<AgreementFilter['minQuality']>();
  const [betterThanLaw, setBetterThanLaw] = useState(false);
  const { sort, sorting } = useListSort<NonNullable<AgreementFilter['sort']>>('recent', {
    valid: { value: 'expiry', direction: 'ascend', hint: 'Sắp xếp theo ngày hết hiệu lực, sắp hết hạn trước' },
  });
  const filter: AgreementFilter = { unitId, inForceOn, minQuality, betterThanLaw: betterThanLaw || undefined, sort };
  const { tableProps } = useCursorList(filter, agreementsQuery, 'Không có thỏa ước nào khớp với điều kiện lọc.');
  const [form, setForm] = useState<{ renews: AgreementItem | null }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: registryKeys.agreements });

  const attach = async (a: AgreementItem, file: File) => {
    if (!/\.(pdf|docx)$/i.test(file.name)) return void message.error('Chỉ nhận tệp PDF hoặc DOCX.');
    if (file.size > MAX_FILE_BYTES) return void message.error('Tệp vượt quá 20 MB.');
    try {
      await attachAgreementFile(a.id, file);
      void refresh();
      void message.success(`Đã đính kèm ${file.name}.`);
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  return (
    <RegistryListShell
      testId="agreements-scene"
      title="Thỏa ước lao động tập thể"
      description="Ngày ký, thời hạn hiệu lực, xếp loại chất lượng và văn bản thỏa ước của các công đoàn cơ sở."
      actions={
        canWrite && (
          <Space>
            <ImportButton path="/thoa-uoc/nhap" testId="agreements-import" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ renews: null })} data-testid="agreement-create">
              Thêm thỏa ước
            </Button>
          </Space>
        )
      }
      above={<AgreementCountWidget unitId={unitId} date={inForceOn ?? todayIso()} />}
      filters={
        <>
          <UnitFilter value={unitId} onChange={setUnitId} />
          <Space size={6}>
            <span>Còn hiệu lực vào ngày</span>
            <DatePicker
              format={VI_DATE_FORMAT}
              placeholder="Mọi thời điểm"
              value={inForceOn ? dayjs(inForceOn) : null}
              onChange={(d) => setInForceOn(d ? d.format('YYYY-MM-DD') : undefined)}
              data-testid="agreements-in-force"
            />
          </Space>
          <ChoiceFilter
            placeholder="Xếp loại từ"
            value={minQuality}
            onChange={setMinQuality}
            width={160}
            options={QUALITY_OPTIONS.map((o) => ({ ...o, label: `${o.label} trở lên` }))}
          />
          <Checkbox checked={betterThanLaw} onChange={(e) => setBetterThanLaw(e.target.checked)}>
            Có lợi hơn luật
          </Checkbox>
        </>
      }
      total={{ filter, exportUrl: agreementExportUrl, resource: 'agreements', noun: 'thỏa ước' }}
      table={
        <CursorTable<AgreementItem>
          testId="agreements-table"
          sort={sorting}
          {...tableProps}
          columns={agreementColumns({ canWrite, onAttach: attach, onRenew: (a) => setForm({ renews: a }) })}
        />
      }
    >
      {form && (
        <AgreementFormModal
          renews={form.renews}
          onClose={() => setForm(undefined)}
          onSaved={() => {
            setForm(undefined);
            void refresh();
            void message.success('Đã lưu thỏa ước.');
          }}
        />
      )}
    </RegistryListShell>
  );
}
