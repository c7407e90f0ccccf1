import { Alert, Button, Card, Input, Popconfirm, Space, Spin, Table, Typography, message } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useApi } from '../../app/useApi';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { activatePolicy, getPolicy, getRuleFields, rulesFromPaths, updateDraft, type PolicyProblem, type RuleField } from './api';
import { fieldName } from './RuleGroups';
import { controlValue, RuleInput, ruleValueProblem, sentValue, valueWords } from './RuleInput';
import { WhatIfPanel } from './WhatIfPanel';

interface Row extends RuleField {
  /** The value in force above or in this draft, shown beside the box. */
  current: unknown;
}

/** The server's refusals by rule path ('monitoring.lineByYear.2021.amount'), and those naming no rule. */
function problemsOf(error: ApiError): { byPath: Record<string, string>; other: string[] } {
  const problems = ((error.details as { errors?: PolicyProblem[] } | undefined)?.errors ?? []) as PolicyProblem[];
  const byPath: Record<string, string> = {};
  const other: string[] = [];
  for (const p of problems) {
    if (p.path.startsWith('rules.')) byPath[p.path.slice('rules.'.length)] = p.message;
    else if (p.path === 'title' || p.path === 'note') byPath[p.path] = p.message;
    else other.push(p.message);
  }
  if (problems.length === 0) other.push(error.message);
  return { byPath, other };
}

/** 编辑草稿: every parameter in force with a box for this draft's value; errors shown at their field; publish; what-if. */
export function PolicyDraftPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const place = useSelectedPlace();
  const [attempt, setAttempt] = useState(0);
  const data = useApi(`policy-edit:${id}:${attempt}`, async (signal) => {
    const [policy, fields] = await Promise.all([getPolicy(id, signal), getRuleFields(id, signal)]);
    return { policy, fields };
  });
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  /** The draft's own values as the controls hold them (absent: inherit). */
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [filter, setFilter] = useState('');
  const [errors, setErrors] = useState<{ byPath: Record<string, string>; other: string[] }>({ byPath: {}, other: [] });
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!data.data) return;
    setTitle(data.data.policy.title);
    setNote(data.data.policy.note ?? '');
    setValues(Object.fromEntries(data.data.fields.own.map((f) => [f.path, controlValue(f, f.value)])));
    setDirty(false);
  }, [data.data]);

  const rows = useMemo<Row[]>(() => {
    if (!data.data) return [];
    const { own, effective } = data.data.fields;
    const byPath = new Map<string, Row>(effective.map((f) => [f.path, { ...f, current: f.value }]));
    for (const f of own) if (!byPath.has(f.path)) byPath.set(f.path, { ...f, current: f.value });
    const words = filter.trim();
    return [...byPath.values()].filter((r) => !words || r.field.includes(words) || r.path.includes(words));
  }, [data.data, filter]);

  if (data.error) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Spin size="large" className="page-loading" />;
  const { policy } = data.data;
  if (policy.status !== 'draft') return <Alert type="warning" showIcon title={t('policy.edit.notDraft', { status: t(`policy.status.${policy.status}`) })} />;

  const change = (path: string, value: unknown) => {
    setValues((v) => ({ ...v, [path]: value }));
    setDirty(true);
  };

  async function save() {
    const byField = new Map(rows.map((r) => [r.path, r]));
    const set: Record<string, unknown> = {};
    const problems: Record<string, string> = {};
    for (const [path, held] of Object.entries(values)) {
      const field = byField.get(path) ?? data.data!.fields.own.find((f) => f.path === path);
      const value = field ? sentValue(field, held) : held;
      if (value === undefined) continue;
      const problem = field && ruleValueProblem(field, field.field, value);
      if (problem) problems[path] = problem;
      set[path] = value;
    }
    if (Object.keys(problems).length > 0) {
      setErrors({ byPath: problems, other: Object.values(problems) });
      return;
    }
    setBusy(true);
    setErrors({ byPath: {}, other: [] });
    try {
      await updateDraft(id, { title, note: note.trim() ? note : null, rules: rulesFromPaths(set) });
      message.success(t('policy.edit.saved'));
      setAttempt((n) => n + 1);
    } catch (e) {
      if (e instanceof ApiError) setErrors(problemsOf(e));
      else throw e;
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    setBusy(true);
    try {
      const activated = await activatePolicy(id);
      message.success(t('policy.edit.published', { jobId: activated.jobId }));
      navigate(`/policy/${id}`);
    } catch (e) {
      if (e instanceof ApiError) setErrors(problemsOf(e));
    } finally {
      setBusy(false);
    }
  }

  const errorCount = Object.keys(errors.byPath).length + errors.other.length;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title={`${t('policy.edit.title')}：${policy.regionName} ${policy.effectiveYear} 第 ${policy.version} 版`}
        extra={
          <Space>
            <Button type="primary" className="policy-save" loading={busy} onClick={save}>
              {t('policy.edit.save')}
            </Button>
            <Popconfirm title={t('policy.edit.publishConfirm', { region: policy.regionName, year: policy.effectiveYear })} onConfirm={publish} disabled={dirty}>
              <Button danger className="policy-publish" disabled={dirty || busy}>
                {t('policy.edit.publish')}
              </Button>
            </Popconfirm>
          </Space>
        }
      >
        {errorCount > 0 && (
          <Alert className="policy-errors" type="error" showIcon title={t('policy.edit.invalid')} description={errors.other.length ? errors.other.join('；') : undefined} style={{ marginBottom: 12 }} />
        )}
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Input addonBefore={t('policy.edit.name')} value={title} status={errors.byPath.title ? 'error' : undefined} onChange={(e) => (setTitle(e.target.value), setDirty(true))} />
          {errors.byPath.title && <Typography.Text type="danger">{errors.byPath.title}</Typography.Text>}
          <Input.TextArea placeholder={t('policy.edit.note')} value={note} rows={2} onChange={(e) => (setNote(e.target.value), setDirty(true))} />
          <Input.Search placeholder={t('policy.edit.search')} allowClear onChange={(e) => setFilter(e.target.value)} style={{ maxWidth: 360 }} />
        </Space>
        <Table<Row>
          className="policy-edit-table"
          rowKey="path"
          size="small"
          bordered
          pagination={false}
          dataSource={rows}
          scroll={{ y: 520 }}
          columns={[
            { title: t('policy.view.field'), key: 'field', render: (_: unknown, r) => <span title={r.path}>{`${r.group} · ${fieldName(r)}`}</span> },
            { title: t('policy.edit.inherited'), dataIndex: 'current', width: '25%', render: (v: unknown, r) => <span>{valueWords(r, v, t('common.yes'), t('common.no'))}</span> },
            {
              title: t('policy.edit.draftValue'),
              key: 'value',
              width: '30%',
              render: (_: unknown, r) => (
                <>
                  <RuleInput field={r} value={values[r.path]} invalid={!!errors.byPath[r.path]} onChange={(v) => change(r.path, v)} />
                  {errors.byPath[r.path] && (
                    <Typography.Text type="danger" className="policy-field-error">
                      {errors.byPath[r.path]}
                    </Typography.Text>
                  )}
                </>
              ),
            },
          ]}
        />
      </Card>
      <WhatIfPanel policyId={id} scopeCode={place.scopeCode} defaultPlace={policy.regionCode} dirty={dirty} />
    </Space>
  );
}
