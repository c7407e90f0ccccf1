/**
 * 结对表导入: download the template (with the cadres' numbers), choose a filled-in .xlsx/.csv,
 * check it (a dry run: every check of the import, nothing written; each problem with its row,
 * column and value), then import it (all or nothing, one transaction, audited).
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, queryString } from '../../api/client';
import { usePlaceParam } from '../../app/usePlaceParam';
import { checkPairingSheet, importPairingSheet, pairingTemplateUrl, type SheetCheck, type SheetProblem } from './api';

type Stage = 'choose' | 'checking' | 'checked' | 'importing' | 'imported';

/** The rows a refused import names (its details.problems), or none. */
const problemsOf = (e: ApiError): SheetProblem[] => ((e.details as { problems?: SheetProblem[] } | undefined)?.problems ?? []);

export function PairingImportPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const [file, setFile] = useState<File>();
  const [stage, setStage] = useState<Stage>('choose');
  const [check, setCheck] = useState<SheetCheck>();
  const [done, setDone] = useState<{ paired: number; cadres: number }>();
  const [failure, setFailure] = useState<string>();
  const [problems, setProblems] = useState<SheetProblem[]>([]);
  const L = (k: string, values?: Record<string, unknown>) => t(`assistance.pairingImport.${k}`, values);

  const choose = (f: File) => {
    setFile(f);
    setStage('choose');
    setCheck(undefined);
    setDone(undefined);
    setFailure(undefined);
    setProblems([]);
    return false;
  };

  const refused = (e: unknown) => {
    setFailure(e instanceof ApiError ? e.message : String(e));
    setProblems(e instanceof ApiError ? problemsOf(e) : []);
    setStage('choose');
  };

  const dryRun = async () => {
    if (!file) return;
    setStage('checking');
    setFailure(undefined);
    setProblems([]);
    try {
      const result = await checkPairingSheet(file);
      setCheck(result);
      setProblems(result.problems);
      setStage(result.problems.length === 0 ? 'checked' : 'choose');
    } catch (e) {
      refused(e);
    }
  };

  const commit = async () => {
    if (!file) return;
    setStage('importing');
    try {
      setDone(await importPairingSheet(file));
      setStage('imported');
    } catch (e) {
      refused(e);
    }
  };

  const busy = stage === 'checking' || stage === 'importing';
  return (
    <Card className="pairing-import" title={L('title')} extra={<Link to={`/assistance/cadres${queryString({ place })}`}>{L('back')}</Link>}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Space direction="vertical">
          <Typography.Text strong>{L('step1')}</Typography.Text>
          <Button className="pairing-template" icon={<DownloadOutlined />} href={pairingTemplateUrl(place)}>
            {L('template')}
          </Button>
          <Typography.Text type="secondary">{L('templateHint')}</Typography.Text>
        </Space>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{L('step2')}</Typography.Text>
          <Upload.Dragger className="pairing-file" accept=".xlsx,.csv" multiple={false} maxCount={1} beforeUpload={choose} showUploadList={false} disabled={busy}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{file ? L('chosen', { name: file.name }) : L('choose')}</p>
          </Upload.Dragger>
        </Space>
        <Space>
          <Button className="pairing-check" disabled={!file || busy} loading={stage === 'checking'} onClick={dryRun}>
            {L('check')}
          </Button>
          <Button type="primary" className="pairing-commit" disabled={stage !== 'checked'} loading={stage === 'importing'} onClick={commit}>
            {L('commit')}
          </Button>
        </Space>
        {stage === 'checked' && check && <Alert className="pairing-checked" type="success" showIcon title={L('checked', { rows: check.rows, paired: check.paired, cadres: check.cadres })} />}
        {stage === 'imported' && done && <Alert className="pairing-imported" type="success" showIcon title={L('imported', { paired: done.paired, cadres: done.cadres })} />}
        {failure && <Alert className="pairing-failure" type="error" showIcon title={failure} />}
        {problems.length > 0 && (
          <Table<SheetProblem>
            className="pairing-problems"
            size="small"
            rowKey={(p) => `${p.row}:${p.column}:${p.message}`}
            title={() => L('problems', { count: problems.length })}
            dataSource={problems}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: L('row'), dataIndex: 'row', width: 80 },
              { title: L('column'), dataIndex: 'column', width: 100 },
              { title: L('value'), dataIndex: 'value', width: 200, ellipsis: true },
              { title: L('message'), dataIndex: 'message' },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
