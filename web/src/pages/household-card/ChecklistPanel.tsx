/**
 * 两不愁三保障评估 on the household card: each criterion pass/fail with the values read and the
 * reason in Chinese, the outcome, the risk grade with its reasons, the suggestion, the policy
 * versions, and whether the stored result still matches the records (else: recompute).
 */
import { Alert, Descriptions, Space, Spin, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { getChecklist, type Checklist, type CriterionResult } from '../../api/assessment';
import { formatTime } from '../../app/labels';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { ErrorState } from '../../components/ErrorState';
import { RecomputeButton } from '../../components/RecomputeButton';

const STATUS_COLORS = { pass: 'green', fail: 'red', undetermined: 'default' } as const;
const GRADE_COLORS = { red: 'red', yellow: 'gold', green: 'green', undetermined: 'default' } as const;
const SOURCE_LABELS: Record<string, string> = { education: '义务教育', medical: '基本医疗', housing: '住房安全', income: '收入' };

function valueText(value: CriterionResult['values'][string], t: TFunction): string {
  if (value === null) return t('monitoring.facts.unknown');
  if (typeof value === 'boolean') return value ? t('monitoring.facts.yes') : t('monitoring.facts.no');
  if (Array.isArray(value)) return value.length ? value.join('、') : '—';
  if (typeof value === 'number' && value > 0 && value < 1) return `${(value * 100).toFixed(1)}%`;
  return String(value);
}

function valuesText(values: CriterionResult['values'], t: TFunction): string {
  return Object.entries(values)
    .map(([key, value]) => `${t(`monitoring.values.${key}`, { defaultValue: key })}：${valueText(value, t)}`)
    .join('；');
}

/** `version` changes after an edit on the card: the checklist is derived again. */
export function ChecklistPanel({ householdNo, version, onRecomputed }: { householdNo: string; version: number; onRecomputed: () => void }) {
  const { t } = useTranslation();
  const { year } = useBusinessYear();
  const checklist = useApi(`checklist:${householdNo}#${year}#${version}`, (signal) => getChecklist(householdNo, year, signal));
  if (checklist.error) return <ErrorState error={checklist.error} onRetry={checklist.reload} />;
  const c: Checklist | undefined = checklist.data?.householdNo === householdNo ? checklist.data : undefined;
  if (!c) return <Spin />;

  const columns: ColumnsType<CriterionResult> = [
    { key: 'label', title: t('monitoring.checklist.criterion'), dataIndex: 'criterion', width: 96, render: (v: string, r) => t(`monitoring.criteria.${v}`, { defaultValue: r.label }) },
    {
      key: 'status',
      title: t('monitoring.checklist.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: CriterionResult['status']) => (
        <Tag color={STATUS_COLORS[s]} data-status={s}>
          {t(`monitoring.status.${s}`)}
        </Tag>
      ),
    },
    { key: 'reason', title: t('monitoring.checklist.reason'), dataIndex: 'reason' },
    { key: 'values', title: t('monitoring.checklist.values'), dataIndex: 'values', render: (v: CriterionResult['values']) => <span className="criterion-values">{valuesText(v, t)}</span> },
  ];

  const stored = c.stored;
  return (
    <div className="checklist-panel" data-testid="checklist">
      <Descriptions
        className="checklist-summary"
        size="small"
        bordered
        column={3}
        items={[
          { key: 'outcome', label: t('monitoring.checklist.outcome'), children: <Tag color={c.outcome === 'meets' ? 'green' : c.outcome === 'does_not_meet' ? 'red' : 'default'} data-testid="checklist-outcome">{c.outcomeLabel}</Tag> },
          { key: 'grade', label: t('monitoring.checklist.grade'), children: <Tag color={GRADE_COLORS[c.risk.grade]} data-testid="checklist-grade">{c.risk.gradeLabel}</Tag> },
          { key: 'year', label: t('monitoring.checklist.asOf', { date: c.asOf }), children: `${t('monitoring.checklist.year', { year: c.year })} · ${t('monitoring.checklist.persons', { count: c.persons })}` },
          {
            key: 'reasons',
            label: t('monitoring.checklist.gradeReasons'),
            span: 3,
            children: c.risk.reasons.length ? (
              <Space direction="vertical" size={0}>
                {c.risk.reasons.map((r) => (
                  <span key={r.code}>
                    <Tag color={GRADE_COLORS[r.grade]}>{t(`monitoring.grades.${r.grade}`)}</Tag>
                    {r.text}
                  </span>
                ))}
              </Space>
            ) : (
              t('monitoring.checklist.noReasons')
            ),
          },
          ...(c.suggestion ? [{ key: 'suggestion', label: t('monitoring.checklist.suggestion'), span: 3, children: `${c.suggestion.label}：${c.suggestion.reason}` }] : []),
          { key: 'policy', label: t('monitoring.checklist.policy'), span: 3, children: c.policyVersions.map((v) => `${v.title}（${v.effectiveYear} 年起施行，第 ${v.version} 版）`).join('；') || '—' },
        ]}
      />
      <Table<CriterionResult> rowKey="criterion" size="small" bordered pagination={false} columns={columns} dataSource={c.criteria} data-testid="checklist-criteria" />
      {c.sources.length > 0 && (
        <Descriptions
          className="checklist-sources" data-testid="checklist-sources" size="small" bordered column={1}
          title={t('monitoring.checklist.sources', { defaultValue: '事实来源（义务教育、基本医疗、住房安全、收入）' })}
          items={c.sources.map((s) => ({
            key: `${s.criterion}:${s.member}:${s.ledger ?? s.fact}`,
            label: `${SOURCE_LABELS[s.criterion] ?? s.criterion} · ${s.member}`,
            children: s.source === 'ledger' ? `${s.fact}（来自行业部门台账：${s.ledger}，记录 ${s.recordId}，${s.year}${s.criterion === 'education' ? '学年' : '年度'}）${s.criterion === 'income' ? '，供核对收入记录' : ''}` : `${s.fact}（来自建档立卡登记）`,
          }))}
        />
      )}
      <Alert
        className="checklist-stored"
        type={stored?.current ? 'success' : 'warning'}
        showIcon
        data-testid="checklist-stored"
        title={
          stored
            ? `${t('monitoring.checklist.stored', { outcome: t(`monitoring.outcomes.${stored.outcome}`), grade: t(`monitoring.grades.${stored.riskGrade}`), time: formatTime(stored.computedAt) })} — ${stored.current ? t('monitoring.checklist.current') : t('monitoring.checklist.stale')}`
            : t('monitoring.checklist.noStored')
        }
        action={
          !stored?.current && (
            <RecomputeButton place={c.villageCode} placeName={c.villageCode} label={t('monitoring.checklist.recompute')} onDone={onRecomputed} />
          )
        }
      />
    </div>
  );
}
