import { InputNumber, Table } from 'antd';
import type { AllocationProblem } from '../../../domain/allocation/allocation.ts';
import type { AllocationChild, AllocationPreview } from '../../api/allocation.api.ts';
import { fmt } from './allocation-format.ts';

/** One row a child unit: its base, what it is given today and the share being typed for it. */
export function AllocationSharesTable(props: {
  data: AllocationPreview;
  shares: Map<number, number | null>;
  problems: readonly AllocationProblem[];
  onShare: (unitId: number, value: number | null) => void;
}) {
  const { data, shares, problems } = props;
  const columns = [
    { title: 'Đơn vị', key: 'unit', render: (_: unknown, c: AllocationChild) => <span data-testid="allocation-unit">{c.unit.name}</span> },
    ...(data.target.kind === 'count'
      ? [
          {
            title: `Cơ sở (${data.baseLabel})`,
            key: 'base',
            align: 'right' as const,
            render: (_: unknown, c: AllocationChild) => fmt(c.base),
          },
        ]
      : []),
    {
      title: 'Đang được giao',
      key: 'current',
      align: 'right' as const,
      render: (_: unknown, c: AllocationChild) => (c.current === null ? 'Chưa giao' : fmt(c.current)),
    },
    {
      title: 'Giao',
      key: 'share',
      align: 'right' as const,
      width: 180,
      render: (_: unknown, c: AllocationChild) => (
        <InputNumber
          min={0}
          inputMode="decimal"
          style={{ width: '100%' }}
          value={shares.get(c.unit.id) ?? null}
          status={problems.some((p) => p.unitId === c.unit.id) ? 'error' : undefined}
          aria-label={`Chỉ tiêu giao cho ${c.unit.name}`}
          data-testid={`allocation-share-${c.unit.code}`}
          onChange={(v) => props.onShare(c.unit.id, typeof v === 'number' ? v : null)}
        />
      ),
    },
  ];
  return (
    <Table
      rowKey={(c) => c.unit.id}
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={data.children}
      columns={columns}
      data-testid="allocation-table"
    />
  );
}
