import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Descriptions, InputNumber, Progress, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useBusinessYear } from '../../app/businessYear';
import { getImportJob, importTemplateUrl, startImport, type ImportJob, type ImportReport } from '../../api/imports';

type Stage = 'choose' | 'checking' | 'checked' | 'importing' | 'imported';

/**
 * 导入建档立卡数据: download the template, choose a filled-in .xlsx/.csv, check it (a dry run that
 * writes nothing: counts, the errors row by row, the error report), then import it for real and
 * follow the progress to the result. A refused file writes nothing.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File>();
  // 业务年度 of households without 收入年度 (required by the server when the file has no such column).
  const [year, setYear] = useState<number | undefined>(useBusinessYear().year);
  const [stage, setStage] = useState<Stage>('choose');
  const [job, setJob] = useState<ImportJob>();
  const [failure, setFailure] = useState<string>();
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  /** Starts the job and follows it until it ends. */
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setFailure(undefined);
    setJob(undefined);
    setStage(dryRun ? 'checking' : 'importing');
    try {
      const id = await startImport(file, dryRun, year);
      let current = await getImportJob(id);
      while (alive.current && (current.status === 'queued' || current.status === 'running')) {
        setJob(current);
        await new Promise((resolve) => setTimeout(resolve, 700));
        current = await getImportJob(id);
      }
      if (!alive.current) return;
      setJob(current);
      if (current.status === 'failed') {
        setFailure(current.message ?? t('imports.failed'));
        setStage('choose');
      } else if (!current.result?.ok) {
        setStage('choose');
      } else {
        setStage(dryRun ? 'checked' : 'imported');
      }
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : String(e));
      setStage('choose');
    }
  };

  const choose = (f: File) => {
    setFile(f);
    setJob(undefined);
    setFailure(undefined);
    setStage('choose');
    return false;
  };

  const busy = stage === 'checking' || stage === 'importing';
  const report = job?.result ?? null;

  return (
    <Card className="import-page" title={t('imports.title')} extra={<Link to="/households">{t('imports.back')}</Link>}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Space direction="vertical">
          <Typography.Text strong>{t('imports.step1')}</Typography.Text>
          <Button className="import-template" icon={<DownloadOutlined />} href={importTemplateUrl()}>
            {t('imports.template')}
          </Button>
          <Typography.Text type="secondary">{t('imports.templateHint')}</Typography.Text>
        </Space>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('imports.step2')}</Typography.Text>
          <Upload.Dragger
            className="import-file"
            accept=".xlsx,.csv"
            maxCount={1}
            disabled={busy}
            beforeUpload={choose}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            onRemove={() => {
              setFile(undefined);
              setJob(undefined);
              setStage('choose');
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>{t('imports.drop')}</p>
          </Upload.Dragger>
        </Space>
        <Space wrap>
          <Typography.Text strong>{t('imports.year')}</Typography.Text>
          <InputNumber className="import-year" aria-label={t('imports.year')} min={2000} max={2100} precision={0} value={year} onChange={(v) => setYear(v ?? undefined)} />
          <Typography.Text type="secondary">{t('imports.yearHint')}</Typography.Text>
        </Space>
        <Space wrap>
          <Button className="import-check" disabled={!file || busy} loading={stage === 'checking'} onClick={() => run(true)}>
            {t('imports.check')}
          </Button>
          <Button className="import-commit" type="primary" disabled={stage !== 'checked'} loading={stage === 'importing'} onClick={() => run(false)}>
            {t('imports.commit')}
          </Button>
          {stage === 'imported' && (
            <Link className="import-to-list" to="/households">{t('imports.toList')}</Link>
          )}
        </Space>
        {busy && job && (
          <div className="import-progress">
            <Typography.Text>{t(`imports.phase.${job.phase ?? 'queued'}`, { defaultValue: job.phase ?? '' })}</Typography.Text>
            <Progress percent={Math.round(job.progress * 100)} status="active" />
          </div>
        )}
        {failure && <Alert className="import-failure" type="error" showIcon message={t('imports.failedTitle')} description={failure} />}
        {report && <ImportResult report={report} errorReport={job?.errorReport ?? null} />}
      </Space>
    </Card>
  );
}

function ImportResult({ report, errorReport }: { report: ImportReport; errorReport: string | null }) {
  const { t } = useTranslation();
  const counts = (c: ImportReport['households']) => t('imports.counts', { ...c });
  const title = !report.ok
    ? t('imports.refused', { count: report.errorCount })
    : report.dryRun
      ? t('imports.checkedOk')
      : t('imports.done');
  return (
    <Space direction="vertical" style={{ width: '100%' }} className="import-result">
      <Alert type={report.ok ? 'success' : 'error'} showIcon message={title} />
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('imports.file')}>{report.fileName}</Descriptions.Item>
        <Descriptions.Item label={t('imports.rows')}>{report.rows}</Descriptions.Item>
        <Descriptions.Item label={t('imports.households')}>{counts(report.households)}</Descriptions.Item>
        <Descriptions.Item label={t('imports.persons')}>{counts(report.persons)}</Descriptions.Item>
        <Descriptions.Item label={t('imports.incomeYears')}>
          {report.incomeYears?.length ? report.incomeYears.join('、') : '—'}
          {report.statusYear ? t('imports.statusYearNote', { year: report.statusYear }) : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('imports.records')}>{t('imports.recordCounts', { incomes: report.incomes, statusRecords: report.statusRecords, riskEvents: report.riskEvents })}</Descriptions.Item>
        {report.assessed.length > 0 && (
          <Descriptions.Item label={t('imports.assessed')}>
            {assessedByYear(report.assessed).map((a) => t('imports.assessedLine', { ...a })).join('；')}
          </Descriptions.Item>
        )}
      </Descriptions>
      {report.errorCount > 0 && (
        <>
          <Space>
            <Typography.Text type="danger">{t('imports.errors', { count: report.errorCount })}</Typography.Text>
            {errorReport && (
              <Button className="import-error-report" icon={<DownloadOutlined />} href={errorReport}>
                {t('imports.errorReport')}
              </Button>
            )}
          </Space>
          <Table
            className="import-errors"
            size="small"
            rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
            dataSource={report.errors}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[
              { title: t('imports.col.row'), dataIndex: 'row', width: 80, render: (r: number) => (r === 0 ? t('imports.wholeFile') : r) },
              { title: t('imports.col.column'), dataIndex: 'column', width: 140 },
              { title: t('imports.col.value'), dataIndex: 'value', width: 200, ellipsis: true },
              { title: t('imports.col.message'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
      {report.warnings.length > 0 && (
        <Collapse
          className="import-warnings"
          items={[{ key: 'w', label: t('imports.warnings', { count: report.warnings.length }), children: <ul>{report.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul> }]}
        />
      )}
    </Space>
  );
}

/** The households re-assessed per year (a file may span several counties). */
function assessedByYear(assessed: ImportReport['assessed']): { year: number; households: number }[] {
  const years = new Map<number, number>();
  for (const a of assessed) years.set(a.year, (years.get(a.year) ?? 0) + a.households);
  return [...years].sort(([a], [b]) => a - b).map(([year, households]) => ({ year, households }));
}
