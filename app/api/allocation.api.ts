import { queryOptions } from '@tanstack/react-query';
import { api } from './api-client.ts';
import { uploadFile } from './registry.api.ts';

export type AllocationBase = 'members' | 'employers' | 'current' | 'last_year';
export type AllocationMethod = 'proportional' | 'equal' | 'manual';

export interface AllocationChild {
  unit: { id: number; code: string; name: string; kind: string };
  base: number | null;
  current: number | null;
  proposed: number;
}

export interface AllocationPreview {
  target: {
    id: number;
    unit: { id: number; name: string };
    indicatorCode: string;
    indicatorName: string;
    subject: string;
    comparator: '>' | '>=' | '=' | '<=' | '<';
    value: number;
    kind: 'count' | 'ratio';
    document: { id: number; title: string; symbol: string | null };
  };
  base: AllocationBase;
  baseLabel: string;
  method: AllocationMethod;
  rule: string;
  children: AllocationChild[];
  sum: number;
  remainder: number;
}

export interface AllocationFileReport {
  applied: boolean;
  rows: { row: number; unit: { id: number; code: string; name: string }; value: number }[];
  problems: { row: number | null; message: string }[];
  sum: number;
  remainder: number;
}

export const allocationKeys = {
  all: ['allocation'] as const,
  preview: (targetId: number, base: AllocationBase, method: AllocationMethod) => ['allocation', targetId, base, method] as const,
};

export const allocationQuery = (targetId: number, base: AllocationBase, method: AllocationMethod) =>
  queryOptions({
    queryKey: allocationKeys.preview(targetId, base, method),
    queryFn: ({ signal }) => api.get<AllocationPreview>(`/api/targets/${targetId}/allocation`, { query: { base, method }, signal }),
  });

export const applyAllocation = (
  targetId: number,
  body: {
    method: AllocationMethod;
    base: AllocationBase;
    shares: { unitId: number; value: number }[];
    reason?: string;
    allowOver?: boolean;
  },
) => api.put<AllocationPreview & { created: number; revised: number }>(`/api/targets/${targetId}/allocation`, body);

export const uploadAllocation = (targetId: number, file: File, dryRun: boolean) =>
  uploadFile<AllocationFileReport>('POST', `/api/targets/${targetId}/allocation/file`, file, { dryRun: dryRun || undefined });

export const allocationTemplateUrl = (targetId: number, base: AllocationBase) =>
  `/api/targets/${targetId}/allocation/template?base=${base}`;
