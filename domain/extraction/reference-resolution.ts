// Which stored document a reference ("Thực hiện Kế hoạch số 107/KH-LĐLĐ ngày 14/8/2024…") points
// to. Symbols repeat across the country — every province union has a "05/CTr-LĐLĐ" — so the
// symbol alone decides only when it is unique; the date given beside it, then the issuer's place
// in the tree (a plan implements documents from its own branch) narrow it down. When still
// ambiguous the reference stays unresolved and a person links it by hand.

export interface ReferenceCandidate {
  id: number;
  issuedOn: string | null;
  /** The candidate's issuer is on the referring document's branch (an ancestor, itself or below). */
  isOnBranch: boolean;
}

export function chooseReferencedDocument(candidates: readonly ReferenceCandidate[], referencedOn: string | null): number | null {
  let pool = candidates;
  if (referencedOn) pool = pool.filter((c) => c.issuedOn === null || c.issuedOn === referencedOn);
  if (pool.length === 1) return pool[0]!.id;
  const onBranch = pool.filter((c) => c.isOnBranch);
  if (onBranch.length === 1) return onBranch[0]!.id;
  if (referencedOn) {
    const dated = onBranch.filter((c) => c.issuedOn === referencedOn);
    if (dated.length === 1) return dated[0]!.id;
  }
  return null;
}
