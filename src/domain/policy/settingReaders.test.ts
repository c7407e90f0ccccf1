/** The dead-setting guard over the real policy schema and the real sources (in `npm test`). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deadSettings, DOCUMENTATION_ONLY, NOT_READERS, settingLeaves, type SourceFile } from './settingReaders';
import { policyRulesObject } from './rulesSchema';

const root = join(__dirname, '../../..');

function sourcesUnder(dir: string): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(full);
    const path = relative(root, full);
    if (!e.name.endsWith('.ts') || NOT_READERS.some((r) => r.test(path))) return [];
    return [{ path, text: readFileSync(full, 'utf8') }];
  });
}

describe('every policy setting is read (or marked for documentation, with the reason)', () => {
  const sources = sourcesUnder(join(root, 'src'));

  it('finds no unread setting in the shipped schema', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(deadSettings(policyRulesObject, sources)).toEqual({ unread: [], staleMarks: [] });
  });

  it('fails when a new setting nobody reads is added to the schema', () => {
    const extended = policyRulesObject.extend({
      monitoring: policyRulesObject.shape.monitoring.extend({ fakeUnusedSetting: z.number().describe('新增但无人读取的设置') }),
    });
    const before = deadSettings(policyRulesObject, sources).unread;
    expect(deadSettings(extended, sources).unread.filter((p) => !before.includes(p))).toEqual(['monitoring.fakeUnusedSetting']);
  });

  it('fails when a mark names no setting, and each mark gives a reason', () => {
    expect(deadSettings(policyRulesObject, sources, { ...DOCUMENTATION_ONLY, 'income.gone': '已删除' }).staleMarks).toEqual(['income.gone']);
    for (const reason of Object.values(DOCUMENTATION_ONLY)) expect(reason.length).toBeGreaterThan(10);
  });

  it('walks into year maps, unions and lists of objects', () => {
    const paths = settingLeaves(policyRulesObject).map((l) => l.path);
    expect(paths).toEqual(expect.arrayContaining(['monitoring.capByYear.*.share', 'monitoring.lineByYear.*.amount', 'visits.[].minVisits', 'pairing.models.*.quotas.[].households', 'procedures.flows']));
  });
});
