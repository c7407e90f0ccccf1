/**
 * What the browser downloads before the first page: the built index.html's entry script and its
 * preloaded chunks. Village cadres work on slow connections, so the charts library (ECharts, half
 * a megabyte) and the pages behind the menu are fetched when first opened (web/src/app/lazyPage.tsx),
 * not with the login page. Reads web/dist, which `npm test` builds first.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = join(__dirname, '../../web/dist');
/** A string constant of ECharts' own code (the DOM attribute it marks a chart container with). */
const ECHARTS_MARK = '_echarts_instance_';

function initialScripts(): string[] {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) throw new Error('web/dist/index.html 不存在：请先运行 npm run build:web（npm test 会先构建）');
  const html = readFileSync(index, 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => join(DIST, m[1]));
}

describe('the web bundle', () => {
  it('leaves ECharts and the pages behind the menu out of the first download', () => {
    const initial = initialScripts();
    expect(initial.length).toBeGreaterThan(1);
    for (const file of initial) expect(readFileSync(file, 'utf8').includes(ECHARTS_MARK), file).toBe(false);
    const all = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js')).map((f) => join(DIST, 'assets', f));
    expect(all.some((f) => readFileSync(f, 'utf8').includes(ECHARTS_MARK)), 'ECharts is built into some chunk').toBe(true);
    const size = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0);
    const first = size(initial);
    // One chunk per lazily loaded page, and the first download well under the whole application.
    expect(all.length).toBeGreaterThan(30);
    expect(first / size(all)).toBeLessThan(0.6);
  });
});
