/** How a spreadsheet stored a cell (CSV cells are always text), and the longest cell Excel holds. */
export const CELL_TEXT = 0;
export const CELL_NUMBER = 1;
export const CELL_BOOLEAN = 2;

/** Longest cell Excel itself can hold. */
export const MAX_CELL_CHARS = 32767;
