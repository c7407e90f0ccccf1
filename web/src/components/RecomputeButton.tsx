/**
 * 重新评估: for roles with 'monitoring.recompute', starts a recompute of a place for the business
 * year (the header's; a year without data is refused with what it lacks) as a job and
 * shows its progress until it is done (then `onDone`, so the page loads the new results).
 */
import { SyncOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Progress, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getMonitoringJob, startRecompute, type MonitoringJob } from '../api/assessment';
import { ApiError } from '../api/client';
import { useCan } from '../app/auth';
import { useBusinessYear } from '../app/businessYear';

const POLL_MS = 700;

interface Props {
  /** The place to recompute (undefined: the user's whole scope). */
  place: string | undefined;
  /** The place's name, for the confirmation. */
  placeName: string;
  label?: string;
  onDone: () => void;
}

export function RecomputeButton({ place, placeName, label, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const { year } = useBusinessYear();
  const [job, setJob] = useState<MonitoringJob>();

  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      getMonitoringJob(job.id, controller.signal).then(
        (next) => {
          setJob(next);
          if (next.status === 'done') {
            message.success(t('monitoring.recompute.done', { message: next.message ?? '' }));
            onDone();
          } else if (next.status === 'failed') message.error(t('monitoring.recompute.failed', { message: next.message ?? '' }));
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setJob({ ...job, status: 'failed', message: e instanceof Error ? e.message : String(e) });
          message.error(t('monitoring.recompute.failed', { message: e instanceof Error ? e.message : String(e) }));
        },
      );
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [job]);

  if (!can('monitoring.recompute')) return null;
  const running = job !== undefined && (job.status === 'queued' || job.status === 'running');

  const start = async () => {
    try {
      const { jobId } = await startRecompute(place, year);
      setJob({ id: jobId, status: 'queued', progress: 0, message: null });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Space className="recompute-button">
      <Popconfirm title={t('monitoring.recompute.confirm', { place: placeName, year })} onConfirm={start} okText={t('common.yes')} cancelText={t('common.no')}>
        <Button icon={<SyncOutlined spin={running} />} loading={running} data-testid="recompute">
          {label ?? t('monitoring.recompute.button')}
        </Button>
      </Popconfirm>
      {job && (
        <Progress
          data-testid="recompute-progress"
          style={{ width: 160 }}
          size="small"
          percent={Math.round(job.progress * 100)}
          status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'}
        />
      )}
    </Space>
  );
}
