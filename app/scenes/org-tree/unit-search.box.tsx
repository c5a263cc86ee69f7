import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Input } from 'antd';
import { useState } from 'react';
import type { OrgSearchHit } from '../../../server/org/org.schema.ts';
import { errorMessage } from '../../api/api-client.ts';
import { SEARCH_MIN_LENGTH, searchQuery } from '../../api/org.api.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { ancestorPath } from './org-tree.model.ts';
import { UnitKindTag, UnitSectorTag } from './unit-kind.tag.tsx';

const DEBOUNCE_MS = 300;

function HitLabel({ hit }: { hit: OrgSearchHit }) {
  return (
    <div className="search-hit" data-testid={`search-hit-${hit.id}`}>
      <div className="search-hit-name">
        <span>{hit.name}</span>
        <UnitKindTag kind={hit.kind} label={hit.kindLabel} />
        <UnitSectorTag sector={hit.sector} label={hit.sectorLabel} />
      </div>
      <div className="search-hit-path">{ancestorPath(hit.ancestors) || 'Cấp cao nhất'}</div>
    </div>
  );
}

/**
 * Name search, with or without accents (the server folds them: "cong doan co so may" finds
 * "Công đoàn cơ sở … May …"). Choosing a hit hands it to `onChoose`, which opens the tree to it.
 */
export function UnitSearchBox({ asOf, onChoose }: { asOf: string; onChoose: (hit: OrgSearchHit) => void }) {
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.normalize('NFC').trim(), DEBOUNCE_MS);
  const search = useQuery(searchQuery(query, asOf));
  const hits = search.data?.items ?? [];
  const isTyping = text.trim() !== query;

  let notFound: string | undefined;
  if (query.length < SEARCH_MIN_LENGTH) notFound = undefined;
  else if (search.isError) notFound = errorMessage(search.error);
  else if (search.isFetching || isTyping) notFound = 'Đang tìm…';
  else notFound = `Không tìm thấy đơn vị nào khớp với “${query}”.`;

  return (
    <AutoComplete
      className="unit-search"
      data-testid="org-search"
      value={text}
      options={hits.map((hit) => ({ value: String(hit.id), label: <HitLabel hit={hit} /> }))}
      showSearch={{ filterOption: false }}
      notFoundContent={notFound}
      popupMatchSelectWidth={520}
      onChange={(value: string) => {
        // Choosing an option reports its id as the new value; show the unit's name instead.
        const chosen = hits.find((hit) => String(hit.id) === value);
        setText(chosen ? chosen.name : value);
      }}
      onSelect={(value: string) => {
        const chosen = hits.find((hit) => String(hit.id) === value);
        if (chosen) onChoose(chosen);
      }}
    >
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        placeholder="Tìm đơn vị theo tên, gõ có dấu hoặc không dấu…"
        aria-label="Tìm đơn vị"
        data-testid="org-search-input"
      />
    </AutoComplete>
  );
}
