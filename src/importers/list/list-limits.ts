/**
 * What a list file may be. 50 MiB holds a CSV of 200,000 persons with a dozen columns; 200,000 rows is
 * twenty times the largest detainee list of the reference letter's events ("over 9,900 detained"), and an
 * import of that size still runs in one transaction within memory.
 */
export const LIST_LIMITS = Object.freeze({
  /** Largest upload, in bytes. */
  maxBytes: 50 * 1024 * 1024,
  /** Most data rows (the header and blank rows not counted). */
  maxRows: 200_000,
  /** Most columns. */
  maxColumns: 200,
  /** Longest header (column name). */
  maxHeaderLength: 200,
  /** Longest cell, in characters (notes are the longest field). */
  maxCellLength: 5000,
  /** A spreadsheet's caps: entries in its ZIP container and total uncompressed size (a 200,000-row sheet is far below). */
  maxXlsxEntries: 5000,
  maxXlsxUncompressedBytes: 512 * 1024 * 1024,
});
