import { agreementImport } from './agreement-import.ts';
import { employerImport } from './employer-import.ts';
import { grassrootsImport } from './grassroots-import.ts';
import type { ImportDefinition } from './import-runner.ts';
import { memberImport } from './member-import.ts';

export type ImportRegistry = 'members' | 'employers' | 'grassroots' | 'agreements';

// Each definition is typed with its own context and record; the runner only passes them between
// the definition's own functions, so erasing them here loses no safety.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyImport = ImportDefinition<any, any>;

/** Every registry that can be imported from a spreadsheet, by the name used in URLs and the CLI. */
export const IMPORTS: Record<ImportRegistry, AnyImport> = {
  members: memberImport,
  employers: employerImport,
  grassroots: grassrootsImport,
  agreements: agreementImport,
};

export function isImportRegistry(value: string): value is ImportRegistry {
  return Object.hasOwn(IMPORTS, value);
}
