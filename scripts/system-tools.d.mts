// Types of system-tools.mjs (a plain script run by Node before tsx is involved) for its test.
export interface SystemTool {
  name: string;
  usedFor: string;
  file: string;
  debianPackage: string;
}
export const SYSTEM_TOOLS: ReadonlyArray<SystemTool>;
export function installCommand(tools: ReadonlyArray<SystemTool>): string;
export function ensureSystemTools(options: {
  exists?: (file: string) => boolean;
  isRoot?: boolean;
  hasApt?: boolean;
  run: (cmd: string, args: string[], opts?: object) => number;
  log?: (line: string) => void;
  error?: (line: string) => void;
}): boolean;
