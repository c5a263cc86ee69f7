import { DownloadOutlined, PaperClipOutlined, RedoOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip, Upload, type TableColumnsType } from 'antd';
import { agreementFileUrl, type AgreementItem } from '../../api/registry.api.ts';
import { IconAction } from '../../components/icon-action.tsx';
import { fileSizeLabel } from '../../components/registry/registry-format.ts';
import { formatViDate } from '../../lib/calendar-date.ts';

/** The agreements table: what and whose, dates, quality, its file; attach and renew for those who may write. */
export function agreementColumns({
  canWrite,
  onAttach,
  onRenew,
}: {
  canWrite: boolean;
  onAttach: (a: AgreementItem, file: File) => Promise<void>;
  onRenew: (a: AgreementItem) => void;
}): TableColumnsType<AgreementItem> {
  return [
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
              <Button type="text" icon={<DownloadOutlined />} href={agreementFileUrl(a.id)} download aria-label="Tải về tệp thỏa ước" />
            </Tooltip>
          )}
          {canWrite && (
            <Upload
              accept=".pdf,.docx"
              showUploadList={false}
              beforeUpload={(file) => {
                void onAttach(a, file);
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
              <IconAction label="Ký mới / gia hạn" icon={<RedoOutlined />} onClick={() => onRenew(a)} />
            ),
          },
        ]
      : []),
  ];
}
