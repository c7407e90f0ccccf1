/**
 * The template's example row, recognised wherever it turns up: it sits on its own sheet
 * (示例（不导入）, never read), and a row copied from it into the import sheet is refused,
 * never imported as a real household. A file with nothing but the example is refused whole.
 */
import { completeIdNumber } from '../../domain/idNumber';

export const EXAMPLE_SHEET = '示例（不导入）';
export const EXAMPLE_HOUSEHOLD_NO = '4114260207201001';
export const EXAMPLE_ID_NUMBER = completeIdNumber('41142619800101001');

export const EXAMPLE_ROW_MESSAGE = `这是导入模板中的示例行（户编号 ${EXAMPLE_HOUSEHOLD_NO}，张三），不会导入：请删除该行，填写真实数据`;

export const isExampleRow = (householdNo: string, idNumber: string) => householdNo === EXAMPLE_HOUSEHOLD_NO && idNumber.toUpperCase() === EXAMPLE_ID_NUMBER;
