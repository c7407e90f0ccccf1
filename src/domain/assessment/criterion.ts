/** Turning a criterion's findings into its result: any failure fails, else any gap is 不能判定. */
import type { Criterion, CriterionResult, CriterionStatus, FactValue } from './types';

export const CRITERION_LABELS: Record<Criterion, string> = {
  income: '收入稳定超过标准',
  food: '不愁吃',
  clothing: '不愁穿',
  education: '义务教育有保障',
  medical: '基本医疗有保障',
  housing: '住房安全有保障',
  water: '饮水安全有保障',
};

export interface Finding {
  status: CriterionStatus;
  /** For 'undetermined': the missing datum ("张三 基本医疗保险参保情况"); otherwise the sentence. */
  text: string;
}

export const passed = (text: string): Finding => ({ status: 'pass', text });
export const failed = (text: string): Finding => ({ status: 'fail', text });
export const missing = (what: string): Finding => ({ status: 'undetermined', text: what });

export function decide(criterion: Criterion, findings: Finding[], values: Record<string, FactValue>, passText?: string): CriterionResult {
  const fails = findings.filter((f) => f.status === 'fail').map((f) => f.text);
  const gaps = findings.filter((f) => f.status === 'undetermined').map((f) => f.text);
  const passes = findings.filter((f) => f.status === 'pass').map((f) => f.text);
  const gapText = `缺少数据（${gaps.join('、')}）`;
  let status: CriterionStatus;
  let reason: string;
  if (fails.length) {
    status = 'fail';
    reason = fails.join('；') + (gaps.length ? `；另${gapText}` : '');
  } else if (gaps.length) {
    status = 'undetermined';
    reason = `不能判定：${gapText}` + (passes.length ? `；${passes.join('；')}` : '');
  } else {
    status = 'pass';
    reason = passText ?? passes.join('；');
  }
  return {
    criterion,
    label: CRITERION_LABELS[criterion],
    status,
    pass: status === 'undetermined' ? null : status === 'pass',
    values,
    reason,
    missing: gaps,
  };
}
