import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import type { OrgUnitSummary } from '../../../server/org/org.schema.ts';
import { errorMessage } from '../../api/api-client.ts';
import { SEARCH_MIN_LENGTH, childrenQuery, rootsQuery, searchQuery } from '../../api/org.api.ts';
import { todayIso } from '../../lib/calendar-date.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { ancestorPath } from '../org-tree/org-tree.model.ts';

interface PickerNode {
  id: number;
  pId: number | null;
  value: number;
  label: string;
  title: React.ReactNode;
  isLeaf: boolean;
}

function toNode(unit: OrgUnitSummary, subtitle?: string): PickerNode {
  return {
    id: unit.id,
    pId: subtitle === undefined ? unit.parentId : null,
    value: unit.id,
    label: unit.name,
    title: (
      <span className="unit-option" data-testid={`unit-option-${unit.id}`}>
        <span>{unit.name}</span>
        {subtitle !== undefined && <span className="unit-option-path">{subtitle || 'Cấp cao nhất'}</span>}
      </span>
    ),
    isLeaf: subtitle !== undefined || unit.childCount === 0,
  };
}

export interface UnitPickerProps {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Name of the unit already chosen (editing a user), before its branch is loaded. */
  initialUnit?: { id: number; name: string } | null;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  'data-testid'?: string;
  /** The field's accessible name when no <label> points at it (default: the placeholder). */
  'aria-label'?: string;
  className?: string;
}

/**
 * Picks a unit of the caller's subtree (today's tree): open branches one level at a time, or
 * type part of a name, with or without accents, to search the whole subtree on the server.
 */
export function UnitPicker({
  value,
  onChange,
  initialUnit,
  placeholder = 'Chọn đơn vị',
  allowClear,
  id,
  className,
  ...rest
}: UnitPickerProps) {
  const asOf = todayIso();
  const queryClient = useQueryClient();
  const roots = useQuery(rootsQuery(asOf));
  const [loaded, setLoaded] = useState<ReadonlyMap<number, PickerNode>>(new Map());
  const [labels] = useState(() => new Map<number, string>(initialUnit ? [[initialUnit.id, initialUnit.name]] : []));
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.normalize('NFC').trim(), 300);
  const search = useQuery(searchQuery(query, asOf));
  const isSearching = query.length >= SEARCH_MIN_LENGTH;

  const treeData = useMemo(() => {
    if (isSearching) {
      return (search.data?.items ?? []).map((hit) => {
        labels.set(hit.id, hit.name);
        return toNode(hit, ancestorPath(hit.ancestors));
      });
    }
    const rootNodes = (roots.data?.items ?? []).map((unit) => {
      labels.set(unit.id, unit.name);
      return toNode(unit);
    });
    return [...rootNodes, ...loaded.values()];
  }, [isSearching, search.data, roots.data, loaded, labels]);

  const loadData = async (node: { value?: unknown }) => {
    const parentId = Number(node.value);
    const list = await queryClient.fetchQuery(childrenQuery(parentId, asOf));
    setLoaded((previous) => {
      const next = new Map(previous);
      for (const unit of list.items) {
        labels.set(unit.id, unit.name);
        next.set(unit.id, toNode(unit));
      }
      return next;
    });
  };

  let notFound: string | undefined;
  if (roots.isError) notFound = errorMessage(roots.error);
  else if (isSearching && search.isError) notFound = errorMessage(search.error);
  else if (isSearching && (search.isFetching || text.trim() !== query)) notFound = 'Đang tìm…';
  else if (isSearching) notFound = `Không tìm thấy đơn vị nào khớp với “${query}”.`;

  return (
    <TreeSelect
      id={id}
      className={className}
      data-testid={rest['data-testid']}
      aria-label={id ? rest['aria-label'] : (rest['aria-label'] ?? placeholder)}
      labelInValue
      value={value === undefined ? undefined : { value, label: labels.get(value) ?? `Đơn vị #${value}` }}
      onChange={(next: { value: number; label: React.ReactNode } | undefined) => {
        setText('');
        onChange?.(next ? Number(next.value) : undefined);
      }}
      treeData={treeData}
      treeDataSimpleMode={{ id: 'id', pId: 'pId' }}
      treeNodeLabelProp="label"
      loadData={isSearching ? undefined : loadData}
      showSearch={{ searchValue: text, onSearch: setText, filterTreeNode: false, autoClearSearchValue: true }}
      placeholder={placeholder}
      allowClear={allowClear}
      notFoundContent={notFound}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 420, maxWidth: 560 } } }}
    />
  );
}
