import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Descriptions, Empty, Skeleton, Typography } from 'antd';
import type { OrgUnitDetail, UnitRef } from '../../../server/org/org.schema.ts';
import { UNIT_KIND_LABELS, UNIT_KINDS, isUnitKind } from '../../../domain/org/org-unit.ts';
import { errorMessage } from '../../api/api-client.ts';
import { unitQuery } from '../../api/org.api.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { shortUnitName } from './org-tree.model.ts';
import { UnitHistoryTimeline } from './unit-history.timeline.tsx';
import { UnitKindTag, UnitSectorTag } from './unit-kind.tag.tsx';

const NONE = <Typography.Text type="secondary">Chưa có thông tin</Typography.Text>;

/** Counts below the unit, upper levels first, each with its full Vietnamese name. */
function DescendantCounts({ counts }: { counts: OrgUnitDetail['descendantsByKind'] }) {
  const rows = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => order(a) - order(b));
  if (rows.length === 0) return <Typography.Text type="secondary">Không có đơn vị trực thuộc.</Typography.Text>;
  return (
    <ul className="descendant-counts" data-testid="unit-descendant-counts">
      {rows.map(([kind, count]) => (
        <li key={kind}>
          <span>{isUnitKind(kind) ? UNIT_KIND_LABELS[kind] : kind}</span>
          <strong>{count.toLocaleString('vi-VN')}</strong>
        </li>
      ))}
    </ul>
  );
}

function order(kind: string): number {
  const index = (UNIT_KINDS as readonly string[]).indexOf(kind);
  return index === -1 ? UNIT_KINDS.length : index;
}

function validity(unit: OrgUnitDetail): string {
  const from = formatViDate(unit.validFrom);
  return unit.validTo ? `Từ ${from} đến ${formatViDate(unit.validTo)}` : `Từ ${from} đến nay`;
}

/** Everything the officer needs to recognise a unit; ancestors are links that open the tree there. */
export function UnitDetailPanel({
  unitId,
  asOf,
  onOpenAncestor,
}: {
  unitId: number | undefined;
  asOf: string;
  onOpenAncestor: (ancestor: UnitRef, above: UnitRef[]) => void;
}) {
  const detail = useQuery({ ...unitQuery(unitId ?? 0, asOf), enabled: unitId !== undefined });

  if (unitId === undefined) {
    return <Empty description="Chọn một đơn vị trên cây hoặc tìm theo tên để xem thông tin chi tiết." />;
  }
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (detail.isError) {
    return <Alert type="error" showIcon title="Không tải được thông tin đơn vị" description={errorMessage(detail.error)} />;
  }

  const unit = detail.data;
  return (
    <div data-testid="unit-detail" data-unit-id={unit.id}>
      <Breadcrumb
        className="unit-detail-path"
        data-testid="unit-detail-path"
        items={unit.ancestors.map((ancestor, index) => ({
          key: ancestor.id,
          title: (
            <a
              href="#"
              onClick={(event) => {
                event.preventDefault();
                onOpenAncestor(ancestor, unit.ancestors.slice(0, index));
              }}
            >
              {shortUnitName(ancestor.name)}
            </a>
          ),
        }))}
        separator="›"
      />
      <Typography.Title level={4} className="unit-detail-name" data-testid="unit-detail-name">
        {unit.name}
      </Typography.Title>
      <div className="unit-detail-tags">
        <UnitKindTag kind={unit.kind} label={unit.kindLabel} />
        <UnitSectorTag sector={unit.sector} label={unit.sectorLabel} />
      </div>
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { width: 136 } }}
        items={[
          { key: 'code', label: 'Mã đơn vị', children: <span data-testid="unit-detail-code">{unit.code}</span> },
          { key: 'kind', label: 'Loại đơn vị', children: unit.kindLabel },
          ...(unit.sector ? [{ key: 'sector', label: 'Khu vực', children: unit.sectorLabel ?? unit.sector }] : []),
          { key: 'short', label: 'Tên viết tắt', children: unit.shortName ?? NONE },
          { key: 'symbol', label: 'Ký hiệu văn bản', children: unit.symbol ?? NONE },
          { key: 'place', label: 'Địa danh', children: unit.place ?? NONE },
          { key: 'address', label: 'Địa chỉ', children: unit.address ?? NONE },
          { key: 'phone', label: 'Điện thoại', children: unit.phone ?? NONE },
          { key: 'email', label: 'Thư điện tử', children: unit.email ?? NONE },
          { key: 'validity', label: 'Hiệu lực', children: <span data-testid="unit-detail-validity">{validity(unit)}</span> },
          { key: 'children', label: 'Trực thuộc trực tiếp', children: `${unit.childCount.toLocaleString('vi-VN')} đơn vị` },
        ]}
      />
      <Typography.Title level={5} className="unit-detail-subtitle">
        Các đơn vị trực thuộc (mọi cấp)
      </Typography.Title>
      <DescendantCounts counts={unit.descendantsByKind} />
      <Typography.Title level={5} className="unit-detail-subtitle">
        Lịch sử đơn vị
      </Typography.Title>
      <UnitHistoryTimeline unitId={unit.id} />
    </div>
  );
}
