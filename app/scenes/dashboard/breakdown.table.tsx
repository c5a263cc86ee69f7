import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Progress, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../api/api-client.ts';
import { breakdownQuery, type BreakdownItem } from '../../api/progress.api.ts';
import { TABLE_AS_LIST, asListColumns } from '../../components/table-as-list.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { kindTag } from '../org-tree/unit-kind.ts';
import { breakdownRuleSentence } from '../../../domain/indicators/breakdown.ts';
import {
  STATUS_TAG,
  allocationSentence,
  barPercent,
  contributionSentence,
  contributionShareSentence,
  formatIndicatorValue,
  formatShare,
  reportingSentence,
  statusColor,
} from './target-format.ts';

export interface UnitCrumb {
  id: number;
  name: string;
}

interface Props {
  targetId: number;
  unit: string;
  asOf: string;
  includeSubmitted: boolean;
  /** From the dashboard's unit down to the unit whose children are listed. */
  path: UnitCrumb[];
  onPathChange: (path: UnitCrumb[]) => void;
}

// A CĐCS has no union units below it: its row is the end of the drill-down.
const isLeaf = (item: BreakdownItem) => item.unit.kind === 'grassroots';

/**
 * The target for each child, lagging children first (as the server ranks them), with the rule the
 * rows were judged by said above the table; a row opens its own children.
 */
export function BreakdownTable({ targetId, unit, asOf, includeSubmitted, path, onPathChange }: Props) {
  const current = path.at(-1)!;
  const list = useQuery(breakdownQuery(targetId, current.id, asOf, includeSubmitted));
  const items = list.data?.items ?? [];
  const reference = list.data?.contributionReference ?? null;
  return (
    <div className="breakdown" data-testid="breakdown">
      <Breadcrumb
        className="breakdown-crumbs"
        data-testid="breakdown-breadcrumb"
        items={path.map((u, i) => ({
          key: u.id,
          title: i < path.length - 1 ? <a onClick={() => onPathChange(path.slice(0, i + 1))}>{u.name}</a> : <strong>{u.name}</strong>,
        }))}
      />
      <Typography.Text type="secondary" className="breakdown-note">
        Các đơn vị trực thuộc {current.name}, đơn vị chậm tiến độ đứng đầu, xếp theo mức đạt của chính đơn vị
        {list.data ? ` · số liệu ngày ${formatViDate(list.data.measuredOn)}` : ''}. Bấm vào một đơn vị để xem các đơn vị trực thuộc của đơn
        vị đó.
      </Typography.Text>
      {list.data && (
        <Typography.Paragraph className="breakdown-rule" data-testid="breakdown-rule">
          {breakdownRuleSentence(list.data.rule, reference)}
        </Typography.Paragraph>
      )}
      <Table<BreakdownItem>
        data-testid="breakdown-table"
        className={TABLE_AS_LIST}
        size="small"
        rowKey={(r) => r.unit.id}
        loading={list.isFetching}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: list.isError ? errorMessage(list.error) : 'Đơn vị này không có đơn vị trực thuộc.' }}
        onRow={(r) =>
          ({
            'data-testid': `breakdown-row-${r.unit.id}`,
            className: isLeaf(r) ? undefined : 'breakdown-row-drill',
            onClick: () => !isLeaf(r) && onPathChange([...path, { id: r.unit.id, name: r.unit.name }]),
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={asListColumns<BreakdownItem>(
          [
            // The rank is the order of the cards on a phone: no line of its own there.
            { title: '#', key: 'rank', width: 44, responsive: ['md'], render: (_, __, i) => <span className="cell-muted">{i + 1}</span> },
            {
              title: 'Đơn vị',
              key: 'unit',
              render: (_, r) => (
                <span className="breakdown-unit">
                  <Tag color={kindTag(r.unit.kind).color}>{kindTag(r.unit.kind).text}</Tag>
                  <span data-testid="breakdown-unit-name">{r.unit.name}</span>
                </span>
              ),
            },
            {
              title: 'Thực hiện',
              key: 'value',
              align: 'right',
              width: 130,
              render: (_, r) =>
                r.value === null ? (
                  <span className="cell-muted">Chưa có số liệu</span>
                ) : (
                  <div>
                    <div className="cell-number">{formatIndicatorValue(r.value, unit)}</div>
                    {r.allocation && (
                      <div className="cell-muted" data-testid="breakdown-allocation">
                        {allocationSentence(r.allocation, unit)}
                      </div>
                    )}
                    {r.reportingUnits !== null && <div className="cell-muted">{reportingSentence(r.reportingUnits)}</div>}
                  </div>
                ),
            },
            {
              title: 'Mức đạt / đóng góp',
              key: 'share',
              width: 260,
              render: (_, r) =>
                r.basis === 'contribution' ? (
                  <div data-testid="breakdown-contribution">
                    <div className="cell-number">{contributionSentence(r.contribution, reference?.base ?? null) || '—'}</div>
                    <div className="cell-muted">{contributionShareSentence(r.contribution, reference?.base ?? null)}</div>
                  </div>
                ) : r.shareAchieved === null ? (
                  <span className="cell-muted">—</span>
                ) : (
                  <div className="breakdown-share" data-testid="breakdown-share">
                    <Progress percent={barPercent(r.shareAchieved)} showInfo={false} size="small" strokeColor={statusColor(r.status)} />
                    <span className="cell-number">{formatShare(r.shareAchieved)}</span>
                  </div>
                ),
            },
            { title: 'Trạng thái', key: 'status', width: 140, render: (_, r) => <Tag color={STATUS_TAG[r.status]}>{r.statusLabel}</Tag> },
          ],
          { titleKey: 'unit' },
        )}
      />
    </div>
  );
}
