import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { measureKeys } from '../../api/measures.api.ts';

/**
 * What the two catalogue tabs (Thành phần số liệu, Chỉ số) keep: the search, the item being
 * edited (null: a new one), the one whose history is open, and what follows a save.
 * `noun` names the kind in the success line: "thành phần", "chỉ số".
 */
export function useMeasureTab<T extends { code: string; name: string }>(noun: string) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<T | null | undefined>(undefined);
  const [history, setHistory] = useState<T>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: measureKeys.all });
  const onSaved = (item: { code: string; name: string }, isNew: boolean) => {
    setEditing(undefined);
    void refresh();
    void message.success(isNew ? `Đã thêm ${noun} «${item.name}» (mã ${item.code}).` : 'Đã lưu thay đổi.');
  };
  return { search, setSearch, editing, setEditing, history, setHistory, refresh, onSaved };
}
