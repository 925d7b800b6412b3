/** A data row of a list file: its number as in the file (the header is row 1 when it is the first row) and its cells. */
export interface ListRow {
  row: number;
  cells: string[];
}

/**
 * A list file as read: its format, the column names of its header row, and its data rows (blank rows left
 * out, their numbers kept so that every report names rows as a spreadsheet shows them).
 */
export interface ListTable {
  format: 'csv' | 'xlsx';
  /** The header's row number. */
  headerRow: number;
  header: string[];
  rows: ListRow[];
}
