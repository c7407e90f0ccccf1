import { openSheet } from '../src/modules/imports/sheet';
import { ProblemList } from '../src/modules/imports/problems';
import { stagingChunks, type StagingState } from '../src/modules/imports/staging';
const [,, file, mode] = process.argv;
const fmt = file.endsWith('.csv') ? 'csv' : 'xlsx';
const t0 = Date.now(); const c0 = process.cpuUsage();
const sheet = await openSheet(file, fmt);
let rows = 0, chars = 0;
if (mode === 'raw') {
  for await (const b of sheet.rows()) rows += b.length;
} else {
  const problems = new ProblemList();
  const state: StagingState = { layout: null, checker: null };
  for await (const chunk of stagingChunks(sheet, problems, state, new Date(), () => {})) chars += chunk.length;
  rows = state.checker!.rows;
  console.log('problems', problems.count, problems.items.slice(0, 3));
}
const cpu = process.cpuUsage(c0);
console.log(mode, rows, 'rows', chars, 'chars', 'wall', Date.now() - t0, 'cpu', Math.round((cpu.user + cpu.system) / 1000), 'maxRSS MB', Math.round(process.resourceUsage().maxRSS / 1024));
