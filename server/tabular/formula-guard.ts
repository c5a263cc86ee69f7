// Formula injection (CSV/DDE injection): a text cell starting with = + - @ (or tab / CR, which
// Excel skips before one) can be run as a formula when a user opens an export. We prefix such
// text with an apostrophe, in CSV and in XLSX alike:
// - CSV has no cell types, so the apostrophe is the only defence Excel honours;
// - XLSX cells are always written as plain string values (never formulas), so they are safe
//   already, but the same apostrophe makes both formats read back identically, and shows the
//   reader that the value was neutralised (stripFormulaGuard undoes it on re-import).
// Plain signed numbers ("-5", "+84912345678") are left alone: Excel reads them as numbers, not
// formulas, and phone numbers would otherwise come back altered.

const DANGEROUS_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]?\d[\d .,]*$/;

export function isDangerousText(text: string): boolean {
  return DANGEROUS_START.test(text) && !SIGNED_NUMBER.test(text);
}

export function neutraliseFormula(text: string): string {
  return isDangerousText(text) ? `'${text}` : text;
}

/** Undoes neutraliseFormula for a value read back from one of our exports. */
export function stripFormulaGuard(text: string): string {
  return text.startsWith("'") && isDangerousText(text.slice(1)) ? text.slice(1) : text;
}
