import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { SEARCH_MIN_LENGTH, searchQuery } from '../../api/org.api.ts';
import { todayIso } from '../../lib/calendar-date.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { ancestorPath } from '../org-tree/org-tree.model.ts';

export interface UnitOption {
  value: number;
  label: string;
}

/** Several units of the caller's subtree, found by typing part of a name (accents optional). */
export function UnitsSelect({
  value,
  onChange,
  placeholder,
  testId,
}: {
  value?: UnitOption[];
  onChange?: (v: UnitOption[]) => void;
  placeholder?: string;
  testId?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.normalize('NFC').trim(), 300);
  const search = useQuery(searchQuery(q, todayIso()));
  const notFound =
    q.length < SEARCH_MIN_LENGTH
      ? `Gõ ít nhất ${SEARCH_MIN_LENGTH} ký tự của tên đơn vị.`
      : search.isError
        ? errorMessage(search.error)
        : search.isFetching || q !== text.trim()
          ? 'Đang tìm…'
          : `Không tìm thấy đơn vị nào khớp với “${q}”.`;
  return (
    <Select
      mode="multiple"
      labelInValue
      value={value}
      onChange={(v) => {
        setText('');
        onChange?.(v.map((o) => ({ value: Number(o.value), label: String(o.label) })));
      }}
      showSearch={{ searchValue: text, onSearch: setText, filterOption: false }}
      options={
        q.length >= SEARCH_MIN_LENGTH
          ? (search.data?.items ?? []).map((u) => ({ value: u.id, label: u.name, title: ancestorPath(u.ancestors) }))
          : []
      }
      notFoundContent={notFound}
      placeholder={placeholder}
      data-testid={testId}
    />
  );
}
