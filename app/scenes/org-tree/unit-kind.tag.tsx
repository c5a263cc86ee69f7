import { Tag, Tooltip } from 'antd';
import { kindTag, sectorTag } from './unit-kind.ts';

export function UnitKindTag({ kind, label }: { kind: string; label: string }) {
  const tag = kindTag(kind);
  return (
    <Tooltip title={label}>
      <Tag color={tag.color} className="unit-tag">
        {tag.text}
      </Tag>
    </Tooltip>
  );
}

export function UnitSectorTag({ sector, label }: { sector: string | null; label: string | null }) {
  const text = sectorTag(sector);
  if (!text) return null;
  return (
    <Tooltip title={label ?? undefined}>
      <Tag className="unit-tag unit-tag-sector">{text}</Tag>
    </Tooltip>
  );
}
