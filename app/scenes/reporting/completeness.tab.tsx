import { CopyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Breadcrumb, Button, Card, Col, Row, Select, Space, Statistic, Switch, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { openPeriods } from '../../../domain/reporting/report-template.ts';
import { errorMessage } from '../../api/api-client.ts';
import { meQuery } from '../../api/auth.api.ts';
import { completenessQuery, templatesQuery, type Completeness } from '../../api/reporting.api.ts';
import { TABLE_AS_LIST, asListColumns } from '../../components/table-as-list.ts';
import { formatViDate, todayIso } from '../../lib/calendar-date.ts';
import { formatFigure, reminderText } from './report-format.ts';

type ChildRow = Completeness['children'][number];

const STATS: [keyof Completeness['total'], string][] = [
  ['expected', 'Phải nộp'],
  ['submitted', 'Đã nộp'],
  ['onTime', 'Đúng hạn'],
  ['late', 'Trễ hạn'],
  ['accepted', 'Đã duyệt'],
  ['returned', 'Bị trả lại'],
  ['missing', 'Chưa nộp'],
];

/** Who has reported: counts for the unit, each child (drill down), the units to remind, and the summed figures. */
export function CompletenessTab() {
  const { message } = App.useApp();
  const me = useQuery(meQuery());
  const templates = useQuery(templatesQuery());
  const [templateCode, setTemplateCode] = useState('cdcs-nam');
  const template = templates.data?.items.find((t) => t.code === templateCode);
  const periods = useMemo(() => (template ? openPeriods(template.definition, todayIso()) : []), [template]);
  const [periodCode, setPeriodCode] = useState<string>();
  const period = periodCode ?? periods[0]?.code;
  const [trail, setTrail] = useState<{ id: number; name: string }[]>([]);
  const [includeSubmitted, setIncludeSubmitted] = useState(false);
  const unitId = trail.at(-1)?.id;
  const board = useQuery({
    ...completenessQuery({ unitId, templateCode, periodCode: period ?? '', includeSubmitted }),
    enabled: period !== undefined,
  });
  const data = board.data;

  const copyReminders = async () => {
    if (!data) return;
    await navigator.clipboard.writeText(reminderText(data.missing.items, data.period.label, data.period.dueOn)).catch(() => undefined);
    message.success(`Đã sao chép danh sách ${data.missing.items.length} đơn vị cần nhắc.`);
  };

  return (
    <div data-testid="completeness">
      <Space wrap className="registry-widgets">
        <Select
          style={{ minWidth: 320 }}
          value={templateCode}
          onChange={(v) => {
            setTemplateCode(v);
            setPeriodCode(undefined);
          }}
          data-testid="completeness-template"
          options={(templates.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
        />
        <Select
          style={{ minWidth: 160 }}
          value={period}
          onChange={setPeriodCode}
          data-testid="completeness-period"
          options={periods.map((p) => ({ value: p.code, label: p.label }))}
        />
        <Space>
          <Switch checked={includeSubmitted} onChange={setIncludeSubmitted} data-testid="completeness-include-submitted" />
          <span>{includeSubmitted ? 'Tổng hợp cả số liệu đã gửi, chưa duyệt' : 'Chỉ tổng hợp số liệu đã duyệt'}</span>
        </Space>
      </Space>
      <Breadcrumb
        className="registry-widgets"
        data-testid="completeness-breadcrumb"
        items={[
          { title: <a onClick={() => setTrail([])}>{me.data?.unit.name ?? 'Đơn vị của tôi'}</a> },
          ...trail.map((u, i) => ({ title: <a onClick={() => setTrail(trail.slice(0, i + 1))}>{u.name}</a> })),
        ]}
      />
      {board.isError && <Alert type="error" showIcon message={errorMessage(board.error)} />}
      {data && (
        <>
          <Typography.Paragraph>
            {data.unit.name} · {data.period.label} · hạn gửi {formatViDate(data.period.dueOn)}
            {data.period.isOverdue ? ' (đã quá hạn)' : ` (còn ${data.period.daysLeft} ngày)`}
          </Typography.Paragraph>
          <div className="completeness-stats">
            {STATS.map(([key, label]) => (
              <Card size="small" key={key} data-testid={`stat-${key}`}>
                <Statistic title={label} value={data.total[key]} formatter={(v) => formatFigure(Number(v))} />
              </Card>
            ))}
          </div>
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Card size="small" title="Theo đơn vị trực thuộc (nhiều đơn vị chưa nộp nhất trước)">
                <Table<ChildRow>
                  className={TABLE_AS_LIST}
                  rowKey={(r) => r.unit.id}
                  size="small"
                  dataSource={data.children}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  onRow={(r) => ({ 'data-testid': `completeness-child-${r.unit.id}` }) as never}
                  columns={asListColumns<ChildRow>([
                    {
                      title: 'Đơn vị',
                      render: (_, r) =>
                        r.unit.id === data.unit.id ? r.unit.name : <a onClick={() => setTrail([...trail, r.unit])}>{r.unit.name}</a>,
                    },
                    ...STATS.map(([key, label]) => ({
                      title: label,
                      align: 'right' as const,
                      render: (_: unknown, r: ChildRow) => formatFigure(r[key]),
                    })),
                  ])}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card
                size="small"
                title={`Đơn vị chưa nộp (${formatFigure(data.missing.total)})`}
                extra={
                  <Button icon={<CopyOutlined />} size="small" onClick={() => void copyReminders()} data-testid="copy-reminders">
                    Sao chép danh sách nhắc
                  </Button>
                }
              >
                <Table
                  className={TABLE_AS_LIST}
                  rowKey="id"
                  size="small"
                  dataSource={data.missing.items}
                  pagination={{ pageSize: 10, showSizeChanger: false }}
                  data-testid="missing-units"
                  columns={asListColumns<(typeof data.missing.items)[number]>([
                    {
                      title: 'Đơn vị',
                      render: (_, u) => (
                        <>
                          <div>{u.name}</div>
                          <div className="cell-muted">
                            {u.parentName}
                            {u.status === 'draft' ? ' · đang nhập dở' : ''}
                          </div>
                        </>
                      ),
                    },
                    {
                      title: 'Liên hệ',
                      render: (_, u) =>
                        [u.phone, u.email, ...u.contacts.map((c) => (c.email ? `${c.fullName} <${c.email}>` : c.fullName))]
                          .filter(Boolean)
                          .join('; ') || 'Chưa có thông tin liên hệ',
                    },
                  ])}
                />
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={`Số liệu tổng hợp (${includeSubmitted ? 'đã gửi và đã duyệt' : 'chỉ đã duyệt'}, ${formatFigure(data.reportingUnits)} đơn vị có số liệu)`}
            className="registry-widgets"
          >
            <Table
              rowKey="element"
              size="small"
              pagination={false}
              dataSource={data.figures}
              data-testid="completeness-figures"
              columns={[
                { title: 'Chỉ tiêu', dataIndex: 'label' },
                { title: 'Tổng', align: 'right', render: (_, f) => (f.value === null ? 'Chưa có số liệu' : formatFigure(f.value)) },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
