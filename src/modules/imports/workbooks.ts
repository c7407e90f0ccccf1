/** The two workbooks the import hands out: the error report and the blank template. */
import ExcelJS from 'exceljs';
import { povertyCause } from '../../domain/enums';
import { workbookBuffer } from '../../spreadsheet';
import { EXAMPLE_HOUSEHOLD_NO, EXAMPLE_ID_NUMBER, EXAMPLE_SHEET } from './example';
import { safeCellValue } from '../../domain/spreadsheetSafe';
import { COLUMNS, type ColumnKind, type ColumnSpec } from './columns';
import type { ImportProblem } from './problems';

export { XLSX_MEDIA_TYPE } from '../../spreadsheet';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 行号, 列, 值, 错误说明 — one line per problem; user values neutralised against formula injection. */
export async function buildErrorReport(problems: ImportProblem[]): Promise<Buffer> {
  const columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 16 },
    { header: '值', key: 'value', width: 28 },
    { header: '错误说明', key: 'message', width: 90 },
  ];
  return workbookBuffer(
    (workbook) => {
      const sheet = workbook.addSheet({ name: '错误', columns, boldHeader: true });
      for (const p of problems) sheet.addRow({ row: p.row === 0 ? '整个文件' : p.row, column: p.column, value: p.value, message: p.message });
    },
    { styles: true },
  );
}

const EXAMPLE: Record<string, string | number> = {
  户编号: EXAMPLE_HOUSEHOLD_NO,
  省: '河南省',
  市: '商丘市',
  县: '夏邑县',
  乡镇: '桑堌乡',
  村: '许楼村',
  村代码: '411426207201',
  户属性: '一般贫困户',
  户状态: '未脱贫',
  识别年度: 2014,
  计划脱贫年度: 2020,
  主要致贫原因: '因病',
  其他致贫原因: '缺技术、缺资金',
  联系电话: '13800000000',
  不愁吃: '是',
  不愁穿: '是',
  住房安全等级: 'B级',
  危房改造: '否',
  易地搬迁: '否',
  '人均日用水量(升)': 60,
  水质达标: '是',
  '取水往返时间(分钟)': 5,
  自来水入户: '是',
  年断水天数: 0,
  缺水地区: '否',
  收入年度: 2019,
  工资性收入: 12000,
  生产经营性净收入: 3000,
  财产性收入: 0,
  转移性收入: 2400,
  生产经营性支出: 800,
  姓名: '张三',
  证件号码: EXAMPLE_ID_NUMBER,
  与户主关系: '户主',
  民族: '汉族',
  文化程度: '初中',
  在校生状况: '非在校',
  健康状况: '长期慢性病',
  劳动技能: '普通劳动力',
  务工状况: '县内务工',
  基本医疗保险: '是',
  大病保险: '是',
  商业补充保险: '否',
  养老保险: '是',
  家庭医生签约: '是',
  慢病卡: '是',
  送教上门: '否',
  个人联系电话: '13800000000',
};

const KIND_NOTES: Record<ColumnKind, string> = {
  householdNo: '字母、数字或短横线，最长40位；同一户各行相同',
  text: '名称（村代码为空时，省、市、县、乡镇、村都要填）',
  name: '最长50字',
  villageCode: '12位统计用区划代码；填写后以它为准，省市县乡村名称只作参考',
  phone: '数字，可含空格、+、-、括号',
  enum: '见“允许值”工作表',
  causes: '多个原因用“、”或逗号分隔，见“允许值”',
  codes: '可填多个，用“、”或逗号分隔，见“允许值”',
  date: '日期，如 2020-03-05（也可用 Excel 日期格式）',
  metres: '数字（米）',
  bool: '是 / 否',
  year: '四位年份，如 2019',
  count: '不小于0的整数',
  litres: '数字（升）',
  money: '金额（元），全户全年',
  idNumber: '18位身份证号（15位旧号自动转换）；性别、出生日期由号码得出。请设为文本格式，勿存成数字',
  disabilityGrade: '1至4级，或“一级”至“四级”；无残疾留空',
};

const TEXT_KINDS = new Set<ColumnKind>(['householdNo', 'villageCode', 'phone', 'idNumber']);
const LEVEL_NAMES = { household: '户（同一户各行相同）', income: '户收入（同一户各行相同）', event: '户风险事件（同一户各行相同；再次导入同类型同日期的事件只更新支出）', person: '家庭成员' };

function note(column: ColumnSpec): string {
  return KIND_NOTES[column.kind];
}

/** The import template: the Chinese headers, one example row, the allowed values and notes per column. */
export async function buildTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('建档立卡导入');
  sheet.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.header,
    width: Math.max(10, c.header.length * 2 + 4),
    style: TEXT_KINDS.has(c.kind) ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = HEADER_FILL;
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  // The example on a sheet of its own, never read (the import reads the first sheet only).
  const example = workbook.addWorksheet(EXAMPLE_SHEET);
  example.columns = sheet.columns.map((c) => ({ header: c.header as string, key: c.key, width: c.width, style: c.style }));
  example.getRow(1).font = { bold: true };
  example.addRow(EXAMPLE);

  const allowed = workbook.addWorksheet('允许值');
  const listed = COLUMNS.filter((c) => c.kind === 'enum' || c.kind === 'causes' || c.kind === 'codes' || c.kind === 'bool' || c.kind === 'disabilityGrade');
  listed.forEach((c, i) => {
    const values =
      c.kind === 'bool'
        ? ['是', '否']
        : c.kind === 'disabilityGrade'
          ? ['一级', '二级', '三级', '四级']
          : (c.enumeration ?? povertyCause).entries.map((e) => e.label);
    allowed.getColumn(i + 1).width = Math.max(12, c.header.length * 2 + 4);
    allowed.getCell(1, i + 1).value = c.header;
    allowed.getCell(1, i + 1).font = { bold: true };
    allowed.getCell(1, i + 1).fill = HEADER_FILL;
    values.forEach((v, j) => (allowed.getCell(j + 2, i + 1).value = v));
  });

  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', key: 'header', width: 20 },
    { header: '类别', key: 'level', width: 24 },
    { header: '必填', key: 'required', width: 8 },
    { header: '填写要求', key: 'note', width: 80 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of COLUMNS) notes.addRow({ header: c.header, level: LEVEL_NAMES[c.level], required: c.required ? '是' : '', note: note(c) });
  notes.addRow({});
  notes.addRow({ header: '说明', note: `“${EXAMPLE_SHEET}”工作表是填写示例，不会导入；请在第一个工作表“建档立卡导入”中填写，示例行复制过去也不会导入。` });
  notes.addRow({ header: '', note: '每行一个家庭成员；户的信息在该户每一行重复填写。列的顺序不限。村代码与省市县乡村名称至少填一种。' });
  notes.addRow({ header: '', note: '户主姓名可不填：取“与户主关系”为“户主”的成员。户人口数按文件中该户的成员（加上系统中已有而文件未列出的成员）计算。' });
  return toBuffer(workbook);
}
