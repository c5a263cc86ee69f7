/**
 * UTF-16 without a byte-order mark, guessed from its bytes: ASCII-range text so stored has a zero
 * in every other byte (the odd bytes for little-endian, the even ones for big-endian). Reads the
 * first 4096 bytes at most. `minBytes`: fewer (whole pairs) say nothing; `zeroShare`: the share of
 * pairs that must have their zero on the same side (and at most 5% on the other).
 */
export function guessUtf16WithoutBom(
  bytes: Uint8Array,
  { minBytes, zeroShare }: { minBytes: number; zeroShare: number },
): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < minBytes) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * zeroShare && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * zeroShare && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}
