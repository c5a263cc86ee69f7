import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OrgUnitList, OrgUnitSummary, UnitRef } from '../../../server/org/org.schema.ts';
import { errorMessage } from '../../api/api-client.ts';
import { childrenQuery, rootsQuery } from '../../api/org.api.ts';
import { buildTreeNodes, keysToReveal, mergeKeys, orderForTree, unitKey, type UnitTreeNode } from './org-tree.model.ts';

export interface RevealTarget {
  id: number;
  /** Root first, the unit's parent last (as the search and detail endpoints return them). */
  ancestors: readonly Pick<UnitRef, 'id'>[];
}

export interface OrgTreeState {
  roots: UseQueryResult<OrgUnitList>;
  treeData: UnitTreeNode[];
  expandedKeys: string[];
  loadedKeys: string[];
  selectedId: number | undefined;
  /** Changes each time a unit should be scrolled into view (same unit twice still scrolls). */
  scrollRequest: { key: string; seq: number } | undefined;
  setExpandedKeys: (keys: string[]) => void;
  select: (id: number | undefined) => void;
  loadChildren: (id: number) => Promise<void>;
  reveal: (target: RevealTarget) => Promise<void>;
  isRevealing: boolean;
}

/**
 * The tree as loaded so far, for one "as of" date. The scene remounts this hook when the date
 * changes (a different date is a different tree), so nothing here needs to reset itself.
 */
export function useOrgTree(asOf: string): OrgTreeState {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const roots = useQuery(rootsQuery(asOf));
  const [childrenById, setChildrenById] = useState<ReadonlyMap<number, OrgUnitSummary[]>>(new Map());
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);
  const [loadedKeys, setLoadedKeys] = useState<string[]>([]);
  const [selectedId, setSelectedId] = useState<number>();
  const [scrollRequest, setScrollRequest] = useState<{ key: string; seq: number }>();
  const [isRevealing, setIsRevealing] = useState(false);

  // Goes through the query cache: expanding, collapsing and re-expanding costs one request.
  const fetchChildren = useCallback(
    async (id: number) => {
      const list = await queryClient.fetchQuery(childrenQuery(id, asOf));
      const ordered = orderForTree(list.items);
      setChildrenById((previous) => new Map(previous).set(id, ordered));
      setLoadedKeys((previous) => mergeKeys(previous, [unitKey(id)]));
    },
    [queryClient, asOf],
  );

  const loadChildren = useCallback(
    async (id: number) => {
      try {
        await fetchChildren(id);
      } catch (error) {
        // Fold the node back so the officer can retry by expanding it again.
        setExpandedKeys((previous) => previous.filter((key) => key !== unitKey(id)));
        message.error(errorMessage(error));
      }
    },
    [fetchChildren, message],
  );

  const reveal = useCallback(
    async (target: RevealTarget) => {
      setIsRevealing(true);
      try {
        // Top-down: each level's rows must exist before the next level can hang under them.
        for (const ancestor of target.ancestors) await fetchChildren(ancestor.id);
        setExpandedKeys((previous) => mergeKeys(previous, keysToReveal(target.ancestors)));
        setSelectedId(target.id);
        setScrollRequest({ key: unitKey(target.id), seq: Date.now() });
      } catch (error) {
        message.error(errorMessage(error));
      } finally {
        setIsRevealing(false);
      }
    },
    [fetchChildren, message],
  );

  // Open on the top unit's details so the first view already says what the tree holds.
  const firstRootId = roots.data?.items[0]?.id;
  useEffect(() => {
    if (firstRootId !== undefined) setSelectedId((current) => current ?? firstRootId);
  }, [firstRootId]);

  const treeData = useMemo(() => buildTreeNodes(roots.data?.items ?? [], childrenById), [roots.data, childrenById]);

  return {
    roots,
    treeData,
    expandedKeys,
    loadedKeys,
    selectedId,
    scrollRequest,
    setExpandedKeys,
    select: setSelectedId,
    loadChildren,
    reveal,
    isRevealing,
  };
}
