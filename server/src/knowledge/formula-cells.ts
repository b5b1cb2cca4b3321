// Cells a spreadsheet would run as a formula (CSV injection, OWASP): = + - @ and tab/CR, also
// behind apostrophes already there, so that every cell the export changes reads back as it was.
const formulaStart = /^'*[=+\-@\t\r]/;

/** What the export writes for a cell: a formula-like text behind one more apostrophe. */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** What the import reads from a cell: the export's apostrophe taken off a formula-like text. */
export function restoreFormula(text: string): string {
  return text.startsWith("'") && formulaStart.test(text) ? text.slice(1) : text;
}
