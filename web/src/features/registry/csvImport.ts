// The browser side of a CSV import: read the header line of the chosen file (without reading the
// whole file), let each column be mapped to a field or ignored, and turn the server's error
// report back into a CSV file. The rules mirror docs/registry-import.md.

/** Fields a column may feed, in the order a form lists them. */
export const IMPORT_FIELDS = [
  "given_name",
  "family_name",
  "patronymic",
  "birth_date",
  "sex",
  "identifier_scheme",
  "identifier_value",
  "community_code",
  "settlement_code",
  "address",
  "phone",
  "languages",
  "disability_degree",
  "notes",
  "household_ref",
  "relationship_to_head",
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];
/** What one column becomes: a field, or nothing. */
export type ColumnChoice = ImportField | "ignore";

export interface CsvHeader {
  delimiter: "," | ";";
  columns: string[];
}

/**
 * Splits the first record of `text` (BOM stripped) into column names. The delimiter is the one of
 * `,` and `;` that occurs more often outside quotes in that record, `,` on a tie; quotes follow
 * RFC 4180. Returns null when the text holds no complete first record yet (no line end outside
 * quotes) and `complete` is false.
 */
export function parseHeader(text: string, complete: boolean): CsvHeader | null {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let end = -1;
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ",") commas++;
    else if (!quoted && c === ";") semicolons++;
    else if (!quoted && (c === "\n" || c === "\r")) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    if (!complete) return null;
    end = source.length;
  }
  const delimiter = semicolons > commas ? ";" : ",";
  const line = source.slice(0, end);
  const columns: string[] = [];
  let field = "";
  quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      columns.push(field);
      field = "";
    } else field += c;
  }
  columns.push(field);
  return { delimiter, columns: columns.map((name) => name.trim()) };
}

/** Reads just enough of `file` to find its header line (in slices of `step` bytes, up to `max`). */
export async function readHeader(file: Blob, step = 64 * 1024, max = 1024 * 1024): Promise<CsvHeader> {
  const decoder = new TextDecoder("utf-8");
  let length = Math.min(step, file.size);
  for (;;) {
    const text = decoder.decode(await file.slice(0, length).arrayBuffer());
    const complete = length >= file.size || length >= max;
    const header = parseHeader(text, complete);
    if (header) return header;
    length = Math.min(length + step, file.size, max);
  }
}

/** The field a header name stands for by itself (case-insensitive, spaces around ignored). */
export function fieldOfHeader(column: string): ImportField | null {
  const name = column.trim().toLowerCase();
  return (IMPORT_FIELDS as readonly string[]).includes(name) ? (name as ImportField) : null;
}

/** First choice for each column: its own field when the header names one, else ignore. */
export function suggestChoices(columns: readonly string[]): ColumnChoice[] {
  const taken = new Set<ImportField>();
  return columns.map((column) => {
    const field = fieldOfHeader(column);
    if (!field || taken.has(field)) return "ignore";
    taken.add(field);
    return field;
  });
}

export type MappingProblem =
  | { kind: "missing"; field: "given_name" | "family_name" }
  | { kind: "duplicate"; field: ImportField; columns: number[] };

/** What stops the mapping from being accepted by the server, checked before any upload. */
export function mappingProblems(choices: readonly ColumnChoice[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const byField = new Map<ImportField, number[]>();
  choices.forEach((choice, index) => {
    if (choice === "ignore") return;
    byField.set(choice, [...(byField.get(choice) ?? []), index]);
  });
  for (const [field, columns] of byField) {
    if (columns.length > 1) problems.push({ kind: "duplicate", field, columns });
  }
  for (const field of ["given_name", "family_name"] as const) {
    if (!byField.has(field)) problems.push({ kind: "missing", field });
  }
  return problems;
}

/**
 * The `mapping` of POST /persons/imports: every column whose choice differs from what its header
 * name already means (a mapping overrides the header name; unmapped unknown columns would make
 * the server refuse the file, so they are sent as `ignore`).
 */
export function mappingFor(columns: readonly string[], choices: readonly ColumnChoice[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  columns.forEach((column, index) => {
    const choice = choices[index] ?? "ignore";
    if (fieldOfHeader(column) !== choice) mapping[column] = choice;
  });
  return mapping;
}

/**
 * Text from an imported file, made safe to open in a spreadsheet: a leading = + - @ (or tab,
 * carriage return) would make the program run it as a formula, so it is kept as text with a
 * leading apostrophe, as spreadsheet programs write it.
 */
export function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One cell of a CSV line: quoted when it holds a delimiter, a quote or a line break. */
export function csvCell(value: string | number): string {
  const text = String(value);
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The list separator spreadsheet programs expect in `locale`: ";" where the decimal separator
 * is a comma (Romanian, Ukrainian, Russian, Lithuanian, Macedonian), "," elsewhere.
 */
export function spreadsheetDelimiter(locale: string): "," | ";" {
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal");
  return decimal?.value === "," ? ";" : ",";
}

/**
 * The error report as CSV (with a BOM so spreadsheet programs read it as UTF-8): the header and
 * the rows as the user reads them (translated field names and severities), separated by
 * `delimiter` (spreadsheetDelimiter of the user's language).
 */
export function reportCsv(
  header: readonly string[],
  problems: readonly { row: number; person?: string; field: string; code: string; severity: string; message: string }[],
  delimiter: "," | ";" = ",",
): string {
  const lines = [header.map(csvCell).join(delimiter)];
  for (const p of problems) {
    const cells = [p.row, spreadsheetText(p.person ?? ""), p.field, p.severity, p.code, spreadsheetText(p.message)];
    lines.push(cells.map(csvCell).join(delimiter));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
