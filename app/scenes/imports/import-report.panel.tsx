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

/**
 * What the list and the file hold of the rejected rows: the screen lists the first 500 reasons,
 * the server stores at most 1,000 rejected rows per import and only counts the rest.
 */
function shownNote(job: ImportStatus): string | null {
  const parts: string[] = [];
  const storedRows = job.rejected - job.rejectionsNotStored;
  if (job.rejections.length >= 500 && storedRows > 0)
    parts.push(`hiển thị ${formatCount(job.rejections.length)} lỗi đầu tiên; tệp tải về có đủ ${formatCount(storedRows)} dòng đã lưu`);
  if (job.rejectionsNotStored > 0) parts.push(`và ${formatCount(job.rejectionsNotStored)} dòng lỗi khác không được lưu`);
  return parts.length ? parts.join('; ') : null;
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
        description={
          <div className="import-accounting" data-testid="import-accounting">
            {importAccounting(job, job.dryRun)}
          </div>
        }
      />
      <Row gutter={16} style={{ margin: '16px 0' }}>
        {stats.map((s) => (
          <Col span={6} key={s.key}>
            <Statistic
              title={s.label}
              value={formatCount(s.value)}
              styles={{ content: { color: s.color } }}
              data-testid={`import-count-${s.key}`}
            />
          </Col>
        ))}
      </Row>
      {job.message && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={job.message} data-testid="import-notes" />}
      {job.rejected > 0 && job.rejectionsExpired && (
        <Alert
          type="info"
          showIcon
          title="Danh sách dòng bị từ chối đã được xóa: chỉ lưu 30 ngày sau lượt nhập. Hãy chạy thử lại tệp nếu cần xem lại."
          data-testid="import-rejections-expired"
        />
      )}
      {job.rejected > 0 && !job.rejectionsExpired && (
        <>
          <Space style={{ marginBottom: 12 }} wrap>
            <strong>Các dòng bị từ chối</strong>
            {shownNote(job) && (
              <span className="cell-muted" data-testid="import-rejections-note">
                ({shownNote(job)})
              </span>
            )}
            <Button icon={<DownloadOutlined />} href={importRejectionsUrl(job.id, 'xlsx')} download data-testid="import-rejections-xlsx">
              Tải các dòng bị từ chối (Excel)
            </Button>
            <Button href={importRejectionsUrl(job.id, 'csv')} download data-testid="import-rejections-csv">
              Tải dạng CSV
            </Button>
            {job.personalDataMasked && (
              <span className="cell-muted">Số CCCD, điện thoại trong tệp được che vì bạn không có quyền xem dữ liệu cá nhân.</span>
            )}
          </Space>
          <Table<ImportRejection>
            size="small"
            rowKey={(r) => `${r.rowNumber}-${r.column ?? ''}-${r.reason}`}
            dataSource={job.rejections}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            data-testid="import-rejections"
            columns={[
              { title: 'Dòng', dataIndex: 'rowNumber', width: 80 },
              // Who or what the row is, so a reason can be acted on without opening the file.
              ...(job.nameColumn ? [{ title: job.nameColumn, dataIndex: 'name', width: 220, render: (n: string | null) => n ?? '—' }] : []),
              { title: 'Cột', dataIndex: 'column', width: 180, render: (c: string | null) => c ?? '—' },
              { title: 'Lý do', dataIndex: 'reason' },
            ]}
          />
        </>
      )}
    </div>
  );
}
