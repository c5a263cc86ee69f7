import { describe, expect, it } from 'vitest';
import { chooseReferencedDocument } from './reference-resolution.ts';

describe('resolving a reference to a stored document', () => {
  it('takes the only document with that symbol', () => {
    expect(chooseReferencedDocument([{ id: 7, issuedOn: '2024-01-18', isOnBranch: false }], null)).toBe(7);
  });

  it('uses the date written beside the symbol to tell two provinces’ "05/CTr-LĐLĐ" apart', () => {
    const twins = [
      { id: 1, issuedOn: '2024-01-18', isOnBranch: false },
      { id: 2, issuedOn: '2023-12-02', isOnBranch: false },
    ];
    expect(chooseReferencedDocument(twins, '2023-12-02')).toBe(2);
    expect(chooseReferencedDocument(twins, '2020-01-01')).toBeNull();
  });

  it('prefers the document of its own branch of the tree when the symbol repeats', () => {
    const twins = [
      { id: 1, issuedOn: '2024-01-18', isOnBranch: false },
      { id: 2, issuedOn: '2024-01-18', isOnBranch: true },
    ];
    expect(chooseReferencedDocument(twins, null)).toBe(2);
    expect(chooseReferencedDocument(twins, '2024-01-18')).toBe(2);
  });

  it('leaves an ambiguous reference for a person to link', () => {
    const twins = [
      { id: 1, issuedOn: null, isOnBranch: true },
      { id: 2, issuedOn: null, isOnBranch: true },
    ];
    expect(chooseReferencedDocument(twins, null)).toBeNull();
    expect(chooseReferencedDocument([], null)).toBeNull();
  });
});
