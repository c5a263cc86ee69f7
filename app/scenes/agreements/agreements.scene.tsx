import { DownloadOutlined, PaperClipOutlined, PlusOutlined, RedoOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Select, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import {
  agreementExportUrl,
  agreementFileUrl,
  agreementsQuery,
  attachAgreementFile,
  registryKeys,
  type AgreementFilter,
  type AgreementItem,
} from '../../api/registry.api.ts';
import { CursorTable, type CursorTableSort } from '../../components/registry/cursor-table.tsx';
import { ExportButton } from '../../components/registry/export-button.tsx';
import { fileSizeLabel } from '../../components/registry/registry-format.ts';
import { useRegistryAccess } from '../../components/registry/registry-permissions.ts';
import { useCursorPages } from '../../components/registry/use-cursor-pages.ts';
import { VI_DATE_FORMAT, formatViDate, todayIso } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { AgreementCountWidget } from './agreement-count.widget.tsx';
import { AgreementFormModal, QUALITY_OPTIONS } from './agreement-form.modal.tsx';
import { ListTotal } from '../../components/list-total.tsx';
import '../../components/registry/registry.css';

const PAGE_SIZE = 50;
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
  const [sort, setSort] = useState<NonNullable<AgreementFilter['sort']>>('recent');
  const filter: AgreementFilter = {
    unitId,
    inForceOn,
    minQuality,
    betterThanLaw: betterThanLaw || undefined,
    sort: sort === 'recent' ? undefined : sort,
  };
  const navigate = useNavigate();
  const sorting: CursorTableSort<NonNullable<AgreementFilter['sort']>> = {
    value: sort,
    defaultValue: 'recent',
    onChange: setSort,
    columns: { valid: { value: 'expiry', direction: 'ascend', hint: 'Sắp xếp theo ngày hết hiệu lực, sắp hết hạn trước' } },
  };
  const pages = useCursorPages(JSON.stringify(filter));
  const list = useQuery(agreementsQuery({ filter, after: pages.after, limit: PAGE_SIZE }));
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
    <div className="scene" data-testid="agreements-scene">
      <div className="scene-header">
        <div>
          <h1 className="scene-title">Thỏa ước lao động tập thể</h1>
          <Typography.Text type="secondary">
            Ngày ký, thời hạn hiệu lực, xếp loại chất lượng và văn bản thỏa ước của các công đoàn cơ sở.
          </Typography.Text>
        </div>
        {canWrite && (
          <Space>
            <Button icon={<UploadOutlined />} onClick={() => navigate('/thoa-uoc/nhap')} data-testid="agreements-import">
              Nhập từ Excel
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ renews: null })} data-testid="agreement-create">
              Thêm thỏa ước
            </Button>
          </Space>
        )}
      </div>
      <AgreementCountWidget unitId={unitId} date={inForceOn ?? todayIso()} />
      <Card>
        <Space wrap className="registry-filters">
          <UnitPicker allowClear placeholder="Lọc theo đơn vị" value={unitId} onChange={setUnitId} className="registry-filter-unit" />
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
          <Select
            allowClear
            placeholder="Xếp loại từ"
            value={minQuality}
            onChange={setMinQuality}
            style={{ width: 160 }}
            options={QUALITY_OPTIONS.map((o) => ({ ...o, label: `${o.label} trở lên` }))}
          />
          <Checkbox checked={betterThanLaw} onChange={(e) => setBetterThanLaw(e.target.checked)}>
            Có lợi hơn luật
          </Checkbox>
          <ExportButton urlFor={(format) => agreementExportUrl(format, filter)} testId="agreements-export" />
          <ListTotal resource="agreements" path="/api/agreements" filter={{ ...filter, sort: undefined }} noun="thỏa ước" />
        </Space>
        <CursorTable<AgreementItem>
          testId="agreements-table"
          sort={sorting}
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          items={list.data?.items}
          nextCursor={list.data?.nextCursor}
          stack={pages.stack}
          pageSize={PAGE_SIZE}
          onNext={pages.next}
          onPrevious={pages.previous}
          onFirst={pages.first}
          locale={{ emptyText: list.isError ? errorMessage(list.error) : 'Không có thỏa ước nào khớp với điều kiện lọc.' }}
          columns={[
            {
              title: 'Thỏa ước',
              key: 'what',
              width: 160,
              render: (_, a) => (
                <div>
                  <div className="cell-strong">{a.number ? `Số ${a.number}` : 'Chưa có số hiệu'}</div>
                  <span className="cell-muted">
                    {a.kindLabel}
                    {a.renewsId ? ' · ký mới thay thỏa ước trước' : ''}
                  </span>
                </div>
              ),
            },
            {
              title: 'Công đoàn cơ sở / Doanh nghiệp',
              key: 'who',
              render: (_, a) => (
                <div>
                  <div>{a.cdcs.name}</div>
                  {a.employer && <span className="cell-muted">{a.employer.name}</span>}
                </div>
              ),
            },
            { title: 'Ngày ký', key: 'signed', width: 100, render: (_, a) => formatViDate(a.signedOn) },
            {
              title: 'Hiệu lực',
              key: 'valid',
              width: 175,
              render: (_, a) => (
                <div>
                  <div className="cell-nowrap">
                    {formatViDate(a.effectiveFrom)} – {formatViDate(a.endedOn ?? a.expiresOn)}
                  </div>
                  {a.inForce ? <Tag color="green">Còn hiệu lực</Tag> : <Tag>Hết hiệu lực</Tag>}
                </div>
              ),
            },
            {
              title: 'Chất lượng',
              key: 'quality',
              width: 120,
              render: (_, a) => (
                <Space size={4} wrap>
                  {a.qualityClass ? <Tag color="blue">Loại {a.qualityClass}</Tag> : <span className="cell-muted">Chưa xếp loại</span>}
                  {a.betterThanLaw && <Tag color="gold">Có lợi hơn luật</Tag>}
                </Space>
              ),
            },
            {
              title: 'Văn bản',
              key: 'file',
              width: 96,
              render: (_, a) => (
                <Space size={0}>
                  {a.file && (
                    <Tooltip title={`Tải về ${a.file.name} (${fileSizeLabel(a.file.size)})`}>
                      <Button
                        type="text"
                        icon={<DownloadOutlined />}
                        href={agreementFileUrl(a.id)}
                        download
                        aria-label="Tải về tệp thỏa ước"
                      />
                    </Tooltip>
                  )}
                  {canWrite && (
                    <Upload
                      accept=".pdf,.docx"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        void attach(a, file);
                        return false;
                      }}
                    >
                      <Tooltip title={a.file ? 'Thay tệp thỏa ước (PDF, DOCX)' : 'Đính kèm tệp thỏa ước (PDF, DOCX)'}>
                        <Button type="text" icon={<PaperClipOutlined />} aria-label="Đính kèm tệp thỏa ước" />
                      </Tooltip>
                    </Upload>
                  )}
                  {!a.file && !canWrite && <span className="cell-muted">Chưa có</span>}
                </Space>
              ),
            },
            ...(canWrite
              ? [
                  {
                    title: '',
                    key: 'renew',
                    width: 56,
                    render: (_: unknown, a: AgreementItem) => (
                      <Tooltip title="Ký mới / gia hạn">
                        <Button type="text" icon={<RedoOutlined />} aria-label="Ký mới / gia hạn" onClick={() => setForm({ renews: a })} />
                      </Tooltip>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
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
    </div>
  );
}
