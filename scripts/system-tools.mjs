// The programs the tests need from the system, not from npm: Debian's Chromium for the e2e tests
// and LibreOffice for the document and report tests (DOCX → PDF in Writer, XLSX re-saved in Calc).
// Checked by a file each package installs, the same files as .ci/run checks, so `npm test` and CI
// agree on what "installed" means.
import fs from 'node:fs';

/** @type {ReadonlyArray<{ name: string, usedFor: string, file: string, debianPackage: string }>} */
export const SYSTEM_TOOLS = [
  { name: 'Chromium', usedFor: 'kiểm thử giao diện (e2e)', file: '/usr/bin/chromium', debianPackage: 'chromium' },
  // Writer's own library, not soffice: Calc alone also installs soffice, and then cannot open a DOCX.
  {
    name: 'LibreOffice Writer',
    usedFor: 'kiểm thử văn bản (DOCX, PDF)',
    file: '/usr/lib/libreoffice/program/libswlo.so',
    debianPackage: 'libreoffice-writer-nogui',
  },
  // The report-form round trip re-saves XLSX files in Calc (its filters live in libscfiltlo).
  {
    name: 'LibreOffice Calc',
    usedFor: 'kiểm thử biểu mẫu báo cáo (XLSX)',
    file: '/usr/lib/libreoffice/program/libscfiltlo.so',
    debianPackage: 'libreoffice-calc-nogui',
  },
];

export function installCommand(tools) {
  return `sudo apt-get install -y ${tools.map((t) => t.debianPackage).join(' ')}`;
}

/**
 * Installs what is missing when it can (root on Debian, as CI does), otherwise prints the one
 * command that installs all of it. Returns whether everything is there.
 */
export function ensureSystemTools({
  exists = fs.existsSync,
  isRoot = process.getuid?.() === 0,
  hasApt = fs.existsSync('/usr/bin/apt-get'),
  run,
  log = console.log,
  error = console.error,
}) {
  let missing = SYSTEM_TOOLS.filter((t) => !exists(t.file));
  if (missing.length === 0) return true;
  if (isRoot && hasApt) {
    log(`Chưa có ${missing.map((t) => t.name).join(', ')} cho kiểm thử: đang cài gói của Debian…`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...missing.map((t) => t.debianPackage)], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    missing = missing.filter((t) => !exists(t.file));
    if (missing.length === 0) return true;
  }
  const lines = missing.map((t) => `  - ${t.name}: ${t.usedFor} (thiếu ${t.file})`);
  error(`Thiếu chương trình cần cho kiểm thử:\n${lines.join('\n')}\nHãy cài bằng lệnh:\n  ${installCommand(missing)}`);
  return false;
}
