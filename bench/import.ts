/**
 * Registry import benchmark: generates a registry of N persons (default 1,000,000, about 300,000
 * households) as CSV and as .xlsx, imports each into PostgreSQL (a fresh schema, dropped after)
 * and into embedded PGlite (a temporary directory), and compares each with a raw COPY of the same
 * rows into a bare table measured in the same run. Every measurement runs in its own child
 * process so its peak RSS is its own.
 *
 *   npm run bench:import -- [--persons 100000] [--databases postgres,pglite] [--formats csv,xlsx] [--keep] [--data DIR]
 *
 * --data DIR reuses the files a run with --keep left in DIR (generating 1,000,000 rows as .xlsx
 * takes minutes) and keeps them.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { openDatabase, type Database } from '../src/db/database';
import { completeIdNumber } from '../src/domain/idNumber';
import { COLUMNS } from '../src/modules/imports/columns';
import { importRegistry } from '../src/modules/imports/service';

const SCRIPT = fileURLToPath(import.meta.url);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const HEADERS = COLUMNS.map((c) => c.header);
const SCHEMA = process.env.BENCH_SCHEMA ?? `bench_import_${process.env.BENCH_PARENT ?? process.pid}`;
const COUNTIES = 10;
const TOWNSHIPS = 12;
const VILLAGES = 15;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const countyCode = (c: number) => '98' + '01' + String(c + 1).padStart(2, '0');
const townshipCode = (c: number, t: number) => countyCode(c) + String(100 + t);
const villageCode = (c: number, t: number, v: number) => townshipCode(c, t) + String(200 + v);

function placeRows() {
  const rows = [
    { code: '98', name: '基准省', level: 1, parent_code: null as string | null },
    { code: '9801', name: '基准市', level: 2, parent_code: '98' },
  ];
  for (let c = 0; c < COUNTIES; c++) {
    rows.push({ code: countyCode(c), name: `基准${c + 1}县`, level: 3, parent_code: '9801' });
    for (let t = 0; t < TOWNSHIPS; t++) {
      rows.push({ code: townshipCode(c, t), name: `基准${c + 1}县${t + 1}乡`, level: 4, parent_code: countyCode(c) });
      for (let v = 0; v < VILLAGES; v++) rows.push({ code: villageCode(c, t, v), name: `第${v + 1}村`, level: 5, parent_code: townshipCode(c, t) });
    }
  }
  return rows;
}

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉梅建国志红春兰文辉金凤德海永福宝'];
const CAUSES = ['因病', '因残', '因学', '因灾', '缺土地', '缺水', '缺技术', '缺劳力', '缺资金', '交通条件落后', '自身发展动力不足'];
const SIZES = [1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6];
const RELATIONS = ['配偶', '之子', '之女', '之儿媳', '之孙子', '之孙女', '之父', '之母'];
const pick = <T>(r: () => number, list: readonly T[]) => list[Math.floor(r() * list.length)];
const yesNo = (r: () => number, p: number) => (r() < p ? '是' : '否');

/** Rows of the registry, one array of cell values per person, in HEADERS order. */
function* registry(persons: number): Generator<(string | number | null)[]> {
  const r = random(20191231);
  let made = 0;
  for (let h = 0; made < persons; h++) {
    const c = h % COUNTIES;
    const t = Math.floor(h / COUNTIES) % TOWNSHIPS;
    const v = Math.floor(h / (COUNTIES * TOWNSHIPS)) % VILLAGES;
    const size = Math.min(pick(r, SIZES), persons - made);
    const status = r() < 0.7 ? '已脱贫' : '未脱贫';
    const household: Record<string, string | number | null> = {
      户编号: countyCode(c) + String(h).padStart(10, '0'), 省: '基准省', 市: '基准市', 县: `基准${c + 1}县`, 乡镇: `基准${c + 1}县${t + 1}乡`,
      村: `第${v + 1}村`, 村代码: villageCode(c, t, v), 户属性: pick(r, ['一般贫困户', '一般贫困户', '低保贫困户', '特困供养贫困户']), 户状态: status,
      识别年度: 2014 + Math.floor(r() * 3), 计划脱贫年度: 2019, 脱贫年度: status === '已脱贫' ? 2016 + Math.floor(r() * 4) : null,
      主要致贫原因: pick(r, CAUSES), 其他致贫原因: r() < 0.4 ? pick(r, CAUSES) + '、' + pick(r, CAUSES) : null,
      联系电话: '13' + String(Math.floor(r() * 1e9)).padStart(9, '0'), 不愁吃: '是', 不愁穿: '是', 住房安全等级: pick(r, ['A级', 'B级', 'B级', 'C级']),
      危房改造: yesNo(r, 0.3), 易地搬迁: yesNo(r, 0.1), '人均日用水量(升)': 40 + Math.floor(r() * 60), 水质达标: '是', '取水往返时间(分钟)': Math.floor(r() * 20),
      自来水入户: yesNo(r, 0.8), 年断水天数: Math.floor(r() * 10), 缺水地区: yesNo(r, 0.1), 收入年度: 2019,
      工资性收入: Math.floor(r() * 30000), 生产经营性净收入: Math.floor(r() * 8000), 财产性收入: Math.floor(r() * 500), 转移性收入: Math.floor(r() * 5000),
      生产经营性支出: Math.floor(r() * 3000),
    };
    const surname = pick(r, SURNAMES);
    for (let m = 0; m < size; m++, made++) {
      const birthDays = (made % 20000) + 5000;
      const birth = new Date(Date.UTC(1930, 0, 1) + birthDays * 86400000).toISOString().slice(0, 10).replace(/-/g, '');
      const serial = String(Math.floor(made / 20000) % 1000).padStart(3, '0');
      const name = (m === 1 ? pick(r, SURNAMES) : surname) + pick(r, GIVEN) + (r() < 0.5 ? pick(r, GIVEN) : '');
      const person: Record<string, string | number | null> = {
        户主姓名: null, 姓名: name, 证件号码: completeIdNumber(countyCode(c) + birth + serial), 与户主关系: m === 0 ? '户主' : pick(r, RELATIONS),
        民族: r() < 0.9 ? '汉族' : '回族', 文化程度: pick(r, ['文盲或半文盲', '小学', '初中', '高中']), 在校生状况: r() < 0.2 ? pick(r, ['小学', '初中', '高中']) : '非在校',
        健康状况: pick(r, ['健康', '健康', '长期慢性病', '患有大病', '残疾']), 残疾等级: r() < 0.08 ? pick(r, ['一级', '二级', '三级', '四级']) : null,
        劳动技能: pick(r, ['普通劳动力', '弱劳动力或半劳动力', '丧失劳动力', '无劳动力']), 务工状况: pick(r, ['省外务工', '县内务工', '务农', '无']),
        基本医疗保险: '是', 大病保险: '是', 商业补充保险: yesNo(r, 0.2), 养老保险: yesNo(r, 0.7), 家庭医生签约: '是', 慢病卡: yesNo(r, 0.1),
        送教上门: null, 个人联系电话: r() < 0.3 ? '15' + String(Math.floor(r() * 1e9)).padStart(9, '0') : null,
      };
      yield HEADERS.map((hd) => (hd in person ? person[hd] : household[hd]) ?? null);
    }
  }
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

async function generate(dir: string, persons: number): Promise<void> {
  const csv = createWriteStream(join(dir, 'registry.csv'));
  let lines: string[] = [HEADERS.join(',')];
  for (const row of registry(persons)) {
    lines.push(row.map(csvField).join(','));
    if (lines.length >= 5000) {
      if (!csv.write(lines.join('\r\n') + '\r\n')) await once(csv, 'drain');
      lines = [];
    }
  }
  csv.end(lines.length ? lines.join('\r\n') + '\r\n' : '');
  await once(csv, 'finish');
  if (!arg('formats', 'csv,xlsx').split(',').includes('xlsx')) return;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, 'registry.xlsx'), useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('建档立卡');
  sheet.addRow(HEADERS).commit();
  for (const row of registry(persons)) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

/** Line-aligned blocks of the CSV without its header, for a raw COPY. */
async function* csvBlocks(path: string): AsyncGenerator<string> {
  let rest = '';
  let header = true;
  const decoder = new TextDecoder();
  for await (const block of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    const text = rest + decoder.decode(block, { stream: true });
    const cut = text.lastIndexOf('\n') + 1;
    let body = text.slice(0, cut);
    rest = text.slice(cut);
    if (header) {
      body = body.slice(body.indexOf('\n') + 1);
      header = false;
    }
    if (body) yield body;
  }
  if (rest) yield rest;
}

async function openTarget(target: string, dir: string): Promise<Database> {
  if (target === 'pglite') return openDatabase({ dataDir: join(dir, 'pglite') });
  return openDatabase({ url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}${process.env.BENCH_PG_OPTIONS ? " " + process.env.BENCH_PG_OPTIONS : ""}`)}` });
}

/** Child process work: one step, its result printed as the last line of JSON. */
async function child(step: string, target: string, dir: string): Promise<object> {
  if (step === 'generate') {
    await generate(dir, Number(arg('persons', '1000000')));
    return {};
  }
  if (step === 'setup' && target === 'postgres') {
    const admin = await openDatabase({ url: PG_URL, migrate: false });
    await admin.session((s) => s.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`));
    await admin.close();
  }
  if (step === 'teardown') {
    const admin = await openDatabase({ url: PG_URL, migrate: false });
    await admin.session((s) => s.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`));
    await admin.close();
    return {};
  }
  const database = await openTarget(target, dir);
  try {
    if (step === 'setup') {
      await database.db.insertInto('place').values(placeRows()).onConflict((oc) => oc.column('code').doNothing()).execute();
      return {};
    }
    if (step !== 'floor') await database.session((s) => s.exec('TRUNCATE household, person, household_income, household_status_history CASCADE; DROP TABLE IF EXISTS bare_copy'));
    const started = Date.now();
    if (step === 'copy') {
      await database.session(async (s) => {
        await s.exec(`CREATE TABLE bare_copy (${HEADERS.map((_, i) => `c${i} text`).join(', ')})`);
        await s.copyIn('COPY bare_copy FROM STDIN (FORMAT csv)', csvBlocks(join(dir, 'registry.csv')));
      });
      const seconds = (Date.now() - started) / 1000;
      await database.session((s) => s.exec('DROP TABLE bare_copy'));
      return { seconds, peakRss: process.resourceUsage().maxRSS * 1024 };
    }
    if (step === 'floor') return floor(database, dir);
    const file = join(dir, `registry.${step}`);
    const phases: Record<string, number> = {};
    let phase = '';
    let since = started;
    const report = await importRegistry(database, { path: file, fileName: file }, {
      statusYear: 2019,
      recompute: false,
      onProgress: (p) => {
        if (p.phase === phase) return;
        if (phase) phases[phase] = (Date.now() - since) / 1000;
        phase = p.phase;
        since = Date.now();
      },
    });
    if (!report.ok) throw new Error(`导入失败：${report.errors.slice(0, 3).map((e) => `${e.row} ${e.column} ${e.message}`).join('; ')}`);
    return {
      seconds: (Date.now() - started) / 1000,
      peakRss: process.resourceUsage().maxRSS * 1024,
      rows: report.rows,
      households: report.households.added,
      persons: report.persons.added,
      reading: phases.reading,
      checking: phases.checking,
      writing: phases.writing,
      indexesRebuilt: report.indexesRebuilt,
    };
  } finally {
    await database.close();
  }
}

/**
 * The floor of any import into this schema, on PostgreSQL: the rows an import wrote (persons and
 * households, exported as COPY text first, untimed) COPYed into empty copies of the two tables
 * from a Node stream, as the baseline is, then every index of the two tables built. No reading,
 * no checking, no incomes or status history: what a file's rows cost the database alone.
 */
async function floor(database: Database, dir: string): Promise<object> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`SET search_path = ${SCHEMA}`);
    for (const table of ['person', 'household']) {
      await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), createWriteStream(join(dir, `${table}.copy`)));
    }
  } finally {
    await client.end();
  }
  const indexes = await database.session(async (s) => {
    await s.exec('DROP TABLE IF EXISTS floor_person, floor_household; CHECKPOINT');
    const result = await s.db.selectFrom('pg_indexes' as never).select(['tablename', 'indexdef'] as never[]).where('schemaname' as never, '=', SCHEMA as never).where('tablename' as never, 'in', ['person', 'household'] as never).execute();
    return (result as unknown as { tablename: string; indexdef: string }[]).map((r) =>
      r.indexdef.replace(/^CREATE (UNIQUE )?INDEX (\S+) ON (\S+\.)?(person|household) /, (_, u, name, __, table) => `CREATE ${u ?? ''}INDEX floor_${name} ON floor_${table} `),
    );
  });
  const started = Date.now();
  await database.session(async (s) => {
    await s.exec('BEGIN; CREATE TABLE floor_person (LIKE person INCLUDING DEFAULTS); CREATE TABLE floor_household (LIKE household INCLUDING DEFAULTS)');
    await s.copyIn('COPY floor_person FROM STDIN', lineBlocks(join(dir, 'person.copy')));
    await s.copyIn('COPY floor_household FROM STDIN', lineBlocks(join(dir, 'household.copy')));
    for (const index of indexes) await s.exec(index);
    await s.exec('COMMIT');
  });
  const seconds = (Date.now() - started) / 1000;
  await database.session((s) => s.exec('DROP TABLE floor_person, floor_household'));
  rmSync(join(dir, 'person.copy'));
  rmSync(join(dir, 'household.copy'));
  return { seconds, indexes: indexes.length, peakRss: process.resourceUsage().maxRSS * 1024 };
}

/** A file's bytes in blocks of whole lines. */
async function* lineBlocks(path: string): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const block of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    const bytes = rest.length > 0 ? Buffer.concat([rest, block]) : block;
    const cut = bytes.lastIndexOf(10) + 1;
    if (cut > 0) yield bytes.subarray(0, cut);
    rest = bytes.subarray(cut);
  }
  if (rest.length > 0) yield rest;
}

function run(step: string, target: string, dir: string): Record<string, number> {
  const result = spawnSync(process.execPath, [...process.execArgv, SCRIPT, '--child', step, '--target', target, '--dir', dir, ...process.argv.slice(2)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_PARENT: String(process.pid) },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${step} (${target}) 失败，退出码 ${result.status}`);
  const last = result.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last);
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function main(): Promise<void> {
  const persons = Number(arg('persons', '1000000'));
  const targets = arg('databases', 'postgres,pglite').split(',');
  const formats = arg('formats', 'csv,xlsx').split(',');
  const reuse = arg('data', '');
  const dir = reuse || mkdtempSync(join(tmpdir(), 'fupin-bench-'));
  console.log(`fupin 导入基准：${persons} 人；${cpus().length} 核 ${cpus()[0]?.model ?? ''}，内存 ${mb(totalmem())}；Node ${process.version}；目录 ${dir}`);
  try {
    const t = Date.now();
    if (!reuse) run('generate', '-', dir);
    const size = (name: string) => (existsSync(join(dir, name)) ? mb(statSync(join(dir, name)).size) : '—');
    console.log(`${reuse ? '沿用数据' : `生成数据 ${((Date.now() - t) / 1000).toFixed(1)} s`}：CSV ${size('registry.csv')}，xlsx ${size('registry.xlsx')}`);
    const lines: string[] = [];
    for (const target of targets) {
      try {
        run('setup', target, dir);
        const copy = run('copy', target, dir);
        lines.push(`${target.padEnd(8)} raw COPY (CSV → bare table)  ${copy.seconds.toFixed(1).padStart(6)} s  ${Math.round(persons / copy.seconds).toString().padStart(7)} rows/s  ratio 1.00  peak RSS ${mb(copy.peakRss)}`);
        console.log(lines[lines.length - 1]);
        for (const format of formats) {
          const r = run(format, target, dir);
          lines.push(
            `${target.padEnd(8)} import ${format.padEnd(4)}                 ${r.seconds.toFixed(1).padStart(6)} s  ${Math.round(r.rows / r.seconds).toString().padStart(7)} rows/s  ratio ${(r.seconds / copy.seconds).toFixed(2)}  peak RSS ${mb(r.peakRss)}` +
              `  (${r.households} households, ${r.persons} persons; read ${r.reading.toFixed(1)} s, check ${r.checking.toFixed(1)} s, write ${r.writing.toFixed(1)} s, ${r.indexesRebuilt} indexes rebuilt)`,
          );
          console.log(lines[lines.length - 1]);
        }
        if (target === 'postgres') {
          const f = run('floor', target, dir);
          lines.push(`${target.padEnd(8)} floor (rows COPYed + ${f.indexes} indexes)  ${f.seconds.toFixed(1).padStart(6)} s  ${Math.round(persons / f.seconds).toString().padStart(7)} rows/s  ratio ${(f.seconds / copy.seconds).toFixed(2)}  (no reading or checking: what any import of these rows costs the database)`);
          console.log(lines[lines.length - 1]);
        }
      } finally {
        if (target === 'postgres') run('teardown', target, dir);
      }
    }
    console.log('\n' + lines.join('\n'));
  } finally {
    if (reuse || process.argv.includes('--keep')) console.log(`保留文件：${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--child')) {
  child(arg('child', ''), arg('target', ''), arg('dir', ''))
    .then((result) => {
      console.log(JSON.stringify(result));
      process.exit(0);
    })
    .catch((e: Error) => {
      console.error(e);
      process.exit(1);
    });
} else {
  main().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
