import { parse } from "csv-parse/sync";

export type CsvRow = {
  /** the row's cells, trimmed; quoted cells may hold commas, quotes ("") and line breaks */
  cells: string[];
  /** the file line the row ends on, from 1 (the header is line 1), for error messages */
  line: number;
};

export type ParseCsvReturnType = {
  /** the header's names, trimmed and lowercased: the one header rule of every CSV we read */
  header: string[];
  rows: CsvRow[];
};

/**
 * Reads a CSV file with csv-parse (RFC 4180: quoted fields, CRLF, a byte-order mark); empty
 * lines are skipped and rows may have fewer or more cells than the header, so the caller can
 * name the row that is wrong. A malformed file (an unclosed quote) throws csv-parse's error,
 * which carries the line; callers wrap it in their own coded error.
 */
export function parseCsv(text: string): ParseCsvReturnType {
  // With `info`, csv-parse returns each record with where it was read; its typings omit that.
  const records = parse(text, {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  const [first, ...rest] = records;
  return {
    header: (first?.record ?? []).map((h) => h.toLowerCase()),
    rows: rest.map(({ record, info }) => ({ cells: record, line: info.lines })),
  };
}
