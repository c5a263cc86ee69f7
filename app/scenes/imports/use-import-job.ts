import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-client.ts';
import {
  importStatus,
  startImport,
  type ColumnMapping,
  type ImportField,
  type ImportRegistry,
  type ImportStatus,
} from '../../api/registry.api.ts';
import { columnsFromIssues, guessMapping, type FileColumn } from './import-mapping.model.ts';

const POLL_MS = 700;

export type ImportPhase =
  | { kind: 'idle' }
  | { kind: 'uploading'; dryRun: boolean }
  | { kind: 'mapping'; message: string; columns: FileColumn[]; mapping: ColumnMapping }
  | { kind: 'running' | 'finished'; job: ImportStatus }
  | { kind: 'error'; message: string };

/**
 * One import at a time: upload, then poll the job every ~700 ms until it is no longer running.
 * A 400 IMPORT_COLUMNS_MISSING turns into the mapping step instead of an error.
 */
export function useImportJob(registry: ImportRegistry, fields: readonly ImportField[]) {
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const poll = async (job: ImportStatus) => {
    let current = job;
    while (alive.current && current.status === 'running') {
      setPhase({ kind: 'running', job: current });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      try {
        current = await importStatus(current.id);
      } catch (error) {
        if (alive.current) setPhase({ kind: 'error', message: errorMessage(error) });
        return;
      }
    }
    if (alive.current) setPhase({ kind: 'finished', job: current });
  };

  const start = async (file: File, unitId: number, dryRun: boolean, mapping?: ColumnMapping) => {
    setPhase({ kind: 'uploading', dryRun });
    try {
      await poll(await startImport(registry, file, unitId, dryRun, mapping));
    } catch (error) {
      if (!alive.current) return;
      if (error instanceof ApiError && error.code === 'IMPORT_COLUMNS_MISSING') {
        const columns = columnsFromIssues(error.issues);
        setPhase({ kind: 'mapping', message: error.message, columns, mapping: mapping ?? guessMapping(columns, fields) });
      } else {
        setPhase({ kind: 'error', message: errorMessage(error) });
      }
    }
  };

  return { phase, start, reset: () => setPhase({ kind: 'idle' }), setPhase };
}
