import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { grassrootsQuery } from '../../api/registry.api.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';

export interface CdcsPickerProps {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** The CĐCS already chosen (editing), shown by name before any search. */
  initial?: { id: number; name: string; code?: string } | null;
  /** Leave this CĐCS out (transferring a member to "another" CĐCS). */
  excludeId?: number;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  'data-testid'?: string;
}

/**
 * Picks a công đoàn cơ sở by name or code, with or without accents, searching the server's
 * CĐCS registry (only grassroots units, active ones, within the caller's subtree).
 */
export function CdcsPicker({
  value,
  onChange,
  initial,
  excludeId,
  placeholder = 'Gõ tên hoặc mã CĐCS',
  allowClear,
  id,
  ...rest
}: CdcsPickerProps) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.normalize('NFC').trim(), 300);
  const list = useQuery({ ...grassrootsQuery({ filter: { q: q || undefined, status: 'active' }, limit: 20 }), placeholderData: undefined });
  const options = (list.data?.items ?? [])
    .filter((g) => g.id !== excludeId)
    .map((g) => ({ value: g.id, label: g.name, code: g.code, parent: g.parent.name }));
  if (initial && value === initial.id && !options.some((o) => o.value === initial.id)) {
    options.unshift({ value: initial.id, label: initial.name, code: initial.code ?? '', parent: '' });
  }
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      value={value}
      onChange={(next: number | undefined) => {
        setText('');
        onChange?.(next);
      }}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={list.isFetching}
      notFoundContent={list.isError ? errorMessage(list.error) : list.isFetching ? 'Đang tìm…' : 'Không tìm thấy CĐCS nào.'}
      options={options}
      optionRender={(option) => (
        <span className="unit-option" data-testid={`cdcs-option-${option.value}`}>
          <span>{option.label}</span>
          <span className="unit-option-path">{[option.data.code, option.data.parent].filter(Boolean).join(' · ')}</span>
        </span>
      )}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 380 } } }}
    />
  );
}
