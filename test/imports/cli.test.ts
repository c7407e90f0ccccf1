import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { tempDir } from './files';
import { completeIdNumber } from '../../src/domain/idNumber';

const run = promisify(execFile);
const dir = tempDir();
const env = { ...process.env, FUPIN_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };

async function fupin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/fupin.ts', ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fupin import (embedded database)', () => {
  it('writes the template, imports it (dry run, then for real), and refuses a bad file with exit code 1', { timeout: 300_000 }, async () => {
    const template = join(dir, 'template.xlsx');
    expect((await fupin('import', '--template', template)).stdout).toContain('已生成导入模板');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['建档立卡导入', '示例（不导入）', '允许值', '填写说明']);
    // The unchanged template has no data row (its example is never imported): refused, saying why.
    const unchanged = await fupin('import', template, '--dry-run');
    expect(unchanged.code).toBe(1);
    expect(unchanged.stdout).toContain('整个文件：文件只有表头，没有数据行（导入模板的示例在“示例（不导入）”工作表，不会导入');
    // Filled in as a user would: the example's row with his own household number and ID number.
    const [sheet, example] = workbook.worksheets;
    const row = sheet.addRow(example.getRow(2).values as ExcelJS.CellValue[]);
    row.getCell(1).value = '4114260207201002';
    const idColumn = (sheet.getRow(1).values as string[]).indexOf('证件号码');
    row.getCell(idColumn).value = completeIdNumber('41142619800101002');
    const filled = join(dir, 'filled.xlsx');
    await workbook.xlsx.writeFile(filled);

    expect((await fupin('places', 'load', '--prefix', '411426207')).code).toBe(0);
    const dry = await fupin('import', filled, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('试导入通过（未写入任何数据）');
    expect(dry.stdout).toContain('户：新增 1，更新 0，未变 0');
    const real = await fupin('import', filled);
    expect(real.stdout).toContain('导入完成');
    expect(real.stdout).toContain('人：新增 1，更新 0，未变 0');

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '户编号,村代码,户属性,户状态,姓名,证件号码,与户主关系\n1,411426207201,一般贫困户,未脱贫,张三,123,户主\n');
    const errors = join(dir, 'errors.xlsx');
    const refused = await fupin('import', bad, '--errors', errors);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('发现 1 处错误，没有写入任何数据');
    expect(refused.stdout).toContain('第2行【证件号码】“123”');
    const report = new ExcelJS.Workbook();
    await report.xlsx.load(readFileSync(errors) as unknown as ArrayBuffer);
    expect(report.worksheets[0].getRow(2).values).toEqual([undefined, 2, '证件号码', '123', expect.stringContaining('身份证号')]);
  });
});
