import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Progress, Row, Space, Statistic, Table } from 'antd';
import { importRejectionsUrl, type ImportRejection, type ImportStatus } from '../../api/registry.api.ts';
import { formatCount, importAccounting } from '../../components/registry/registry-format.ts';

/** While running: a live bar with the rows read so far (the total is unknown until the file ends). */
export function ImportProgress({ job }: { job: ImportStatus }) {
  return (
    <div data-testid="import-progress">
      <Progress percent={100} status="active" showInfo={false} />
      <div className="cell-muted">
        {job.dryRun ? 'Đang chạy thử' : 'Đang nhập'} “{job.fileName}”: đã đọc {formatCount(job.rowsRead)} dòng…
      </div>
    </div>
  );
}

/** The accounting of a finished run (dry or real), the rejected rows and their download. */
export function ImportReport({ job, listName }: { job: ImportStatus; /** "sổ đoàn viên", "danh sách doanh nghiệp"… */ listName: string }) {
  if (job.status === 'failed') {
    return <Alert type="error" showIcon title="Không nhập được tệp" description={job.message ?? ''} data-testid="import-failed" />;
  }
  const stats = [
    { key: 'inserted', label: job.dryRun ? 'Sẽ thêm mới' : 'Đã thêm mới', value: job.inserted, color: '#15803d' },
    { key: 'updated', label: job.dryRun ? 'Sẽ cập nhật' : 'Đã cập nhật', value: job.updated, color: '#1d5fa8' },
    { key: 'unchanged', label: 'Giữ nguyên', value: job.unchanged, color: '#4b5563' },
    { key: 'rejected', label: 'Bị từ chối', value: job.rejected, color: job.rejected ? '#b91c1c' : '#4b5563' },
  ];
  return (
    <div data-testid={job.dryRun ? 'import-dry-report' : 'import-final-report'}>
      <Alert
        type={job.rejected ? 'warning' : 'success'}
        showIcon
        title={job.dryRun ? `Kết quả chạy thử (chưa ghi gì vào ${listName})` : 'Đã nhập xong'}
        description={<div className="import-accounting" data-testid="import-accounting">{importAccounting(job, job.dryRun)}</div>}
      />
      <Row gutter={16} style={{ margin: '16px 0' }}>
        {stats.map((s) => (
          <Col span={6} key={s.key}>
            <Statistic title={s.label} value={formatCount(s.value)} styles={{ content: { color: s.color } }} data-testid={`import-count-${s.key}`} />
          </Col>
        ))}
      </Row>
      {job.rejected > 0 && (
        <>
          <Space style={{ marginBottom: 12 }} wrap>
            <strong>Các dòng bị từ chối</strong>
            {job.rejected > job.rejections.length && <span className="cell-muted">(hiển thị {formatCount(job.rejections.length)} lỗi đầu tiên; tệp tải về có đủ)</span>}
            <Button icon={<DownloadOutlined />} href={importRejectionsUrl(job.id, 'xlsx')} download data-testid="import-rejections-xlsx">
              Tải các dòng bị từ chối (Excel)
            </Button>
            <Button href={importRejectionsUrl(job.id, 'csv')} download data-testid="import-rejections-csv">
              Tải dạng CSV
            </Button>
          </Space>
          <Table<ImportRejection>
            size="small"
            rowKey={(r) => `${r.rowNumber}-${r.column ?? ''}-${r.reason}`}
            dataSource={job.rejections}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            data-testid="import-rejections"
            columns={[
              { title: 'Dòng', dataIndex: 'rowNumber', width: 80 },
              { title: 'Cột', dataIndex: 'column', width: 180, render: (c: string | null) => c ?? '—' },
              { title: 'Lý do', dataIndex: 'reason' },
            ]}
          />
        </>
      )}
    </div>
  );
}
