// CSV as RFC 4180 says: records end in CRLF; a field holding a comma, a double quote, a
// CR or an LF is enclosed in double quotes, a double quote inside it doubled. Documents
// start with a UTF-8 byte order mark, without which Excel reads Chinese names as mojibake.

export type CsvCell = string | number;

const NEEDS_QUOTES = /[",\r\n]/;
// A text cell Excel or LibreOffice would run as a formula (="…", +, -, @, or a leading tab
// or CR): prefixed with an apostrophe, the spreadsheet convention for "this is text", so a
// household named "=HYPERLINK(…)" cannot act when the file is opened (OWASP: CSV injection).
// Numbers, negative amounts included, are written as they are.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvField(cell: CsvCell): string {
  let text = typeof cell === "number" ? String(cell) : cell;
  if (typeof cell === "string" && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

/** A whole document: BOM, the header record, then every row, each ending in CRLF. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${csvRecord(header)}${rows.map(csvRecord).join("")}`;
}
