/** A problem with the file as a whole (not a spreadsheet, a cell too long, a zip bomb…): nothing is read further. */
export class SheetFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}
