import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.ts';
import { minWorkersOf, proposeMetadata, proposeTargets, registrySectors } from './target-proposal.ts';

const TEXT_000 = readFileSync(new URL('../../../shared/documents/000_695bf227987f6204.txt', import.meta.url), 'utf8');

describe('what the reviewer is asked to confirm', () => {
  const result = extractDocument(TEXT_000);
  const proposals = proposeTargets(result);

  it('prefills the metadata of 05/CTr-LĐLĐ from its header', () => {
    expect(proposeMetadata(result)).toMatchObject({
      kind: 'program',
      symbol: '05/CTr-LĐLĐ',
      issuedOn: '2024-01-18',
      termFrom: 2023,
      termTo: 2028,
      place: 'Bình Phước',
      issuerText: 'Ban Chấp hành Liên đoàn Lao động tỉnh Bình Phước',
      signerName: 'Nguyễn Thị Hương Giang',
      signerTitle: 'Chủ tịch',
      title:
        'Chương trình hành động của Ban Chấp hành Liên đoàn Lao động tỉnh thực hiện Nghị quyết Đại hội XI Công đoàn tỉnh, Nghị quyết Đại hội XIII Công đoàn Việt Nam, nhiệm kỳ 2023 – 2028',
    });
  });

  it('turns each target into the target model: first suggestion, sectors, size threshold, timing', () => {
    const members = proposals.find((p) => p.value === 140000)!;
    expect(members).toMatchObject({ unit: 'count', comparator: '>', annual: false, deadlineYear: 2028 });
    expect(members.suggestions[0]?.code).toBe('members');
    const enterprises = proposals.find((p) => p.quote.includes('25 lao động'))!;
    expect(enterprises).toMatchObject({ value: 100, minWorkers: 25 });
    expect(enterprises.suggestions[0]?.code).toBe('employers_with_cdcs_share');
    const nonState = proposals.find((p) => p.quote.includes('85% công đoàn cơ sở doanh nghiệp ngoài khu vực nhà nước'))!;
    expect(nonState).toMatchObject({ annual: true, deadlineYear: null, sectors: ['fdi', 'private'] });
    expect(nonState.suggestions[0]?.code).toBe('democracy_nonstate_share');
    // Offsets point at the quote in the text the reviewer sees.
    for (const p of proposals) expect(TEXT_000.normalize('NFC').slice(p.start, p.end).replace(/\s+/g, ' ')).toBe(p.quote);
  });

  it('maps sector words and employer sizes, and ignores sizes that are not about workers', () => {
    expect(registrySectors(['nha_nuoc'])).toEqual(['dnnn', 'hcsn']);
    expect(registrySectors(['nha_nuoc', 'ngoai_nha_nuoc'])).toBeNull();
    expect(registrySectors([])).toBeNull();
    expect(minWorkersOf({ comparator: '>', value: 30, of: 'lao dong' })).toBe(31);
    expect(minWorkersOf({ comparator: '>=', value: 20, of: 'doan vien' })).toBeNull();
  });
});
