/**
 * CSV injection (OWASP): a spreadsheet evaluates a cell starting with `=`, `+`, `-` or `@` as a formula,
 * and some also treat a leading tab or carriage return that way. Such a cell is prefixed with `'`, which
 * spreadsheets show as text. Numbers and dates are written as they are: only text can carry a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const spreadsheetSafe = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

/**
 * csv-stringify options for every CSV the plugin writes: formula cells escaped, and a cell holding a
 * carriage return quoted (csv-stringify quotes line feeds only; a spreadsheet may end the row at a bare CR).
 */
export const safeCsvOptions = { cast: { string: spreadsheetSafe }, quoted_match: /\r/ };
