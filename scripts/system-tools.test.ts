import { describe, expect, it } from 'vitest';
import { ensureSystemTools, installCommand, SYSTEM_TOOLS } from './system-tools.mjs';

function machine(present: string[], options: { isRoot: boolean; hasApt?: boolean; installs?: boolean }) {
  const files = new Set(present);
  const commands: string[] = [];
  const said: string[] = [];
  const ok = ensureSystemTools({
    exists: (file) => files.has(file),
    isRoot: options.isRoot,
    hasApt: options.hasApt ?? true,
    run: (cmd, args) => {
      commands.push([cmd, ...args].join(' '));
      if (options.installs && args[0] === 'install') for (const t of SYSTEM_TOOLS) if (args.includes(t.debianPackage)) files.add(t.file);
      return 0;
    },
    log: (line) => said.push(line),
    error: (line) => said.push(line),
  });
  return { ok, commands, said: said.join('\n') };
}

const ALL = SYSTEM_TOOLS.map((t) => t.file);
const CHROMIUM_ONLY = ['/usr/bin/chromium'];

describe('the system programs npm test needs', () => {
  it('names Chromium and LibreOffice Writer and Calc, checked by the files .ci/run checks', () => {
    expect(SYSTEM_TOOLS.map((t) => t.debianPackage)).toEqual(['chromium', 'libreoffice-writer-nogui', 'libreoffice-calc-nogui']);
    expect(installCommand(SYSTEM_TOOLS)).toBe('sudo apt-get install -y chromium libreoffice-writer-nogui libreoffice-calc-nogui');
  });

  it('does nothing when everything is installed', () => {
    expect(machine(ALL, { isRoot: true })).toEqual({ ok: true, commands: [], said: '' });
  });

  it('installs only what is missing when run as root on Debian, as it does Chromium', () => {
    const r = machine(CHROMIUM_ONLY, { isRoot: true, installs: true });
    expect(r.ok).toBe(true);
    expect(r.commands).toEqual(['apt-get update -qq', 'apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui']);
    expect(r.said).toContain('LibreOffice Writer, LibreOffice Calc');
  });

  it('otherwise stops with the one command that installs all that is missing', () => {
    const r = machine([], { isRoot: false });
    expect(r.ok).toBe(false);
    expect(r.commands).toEqual([]);
    expect(r.said).toContain('Hãy cài bằng lệnh:\n  sudo apt-get install -y chromium libreoffice-writer-nogui libreoffice-calc-nogui');
    expect(r.said).toContain('LibreOffice Writer: kiểm thử văn bản');
  });

  it('says what is still missing when the installation did not bring it', () => {
    const r = machine(CHROMIUM_ONLY, { isRoot: true, installs: false });
    expect(r.ok).toBe(false);
    expect(r.said).toContain('sudo apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui');
  });
});
