import { Empty, Spin, Timeline as AntTimeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { getHouseholdTimeline } from '../../api/households';
import type { TimelineEntry } from '../../api/types';
import { formatTime } from '../../app/labels';
import { roleName } from '../../app/roleName';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { fieldName, fieldValue } from './fieldValues';

/** 操作记录: who changed what in this household and when, from the audit trail, newest first. */
export function Timeline({ householdNo, version }: { householdNo: string; version: number }) {
  const { t } = useTranslation();
  const timeline = useApi(`${householdNo}#${version}`, (signal) => getHouseholdTimeline(householdNo, signal));
  if (timeline.error) return <ErrorState error={timeline.error} onRetry={timeline.reload} />;
  if (!timeline.data) return <Spin />;
  if (timeline.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />;

  const who = (e: TimelineEntry) =>
    e.userName ? t('timeline.by', { user: e.userName, role: e.role ? roleName(e.role, e.roleLabel ?? e.role) : '' }) : t('timeline.unknownUser');
  return (
    <AntTimeline
      className="household-timeline"
      items={timeline.data.items.map((e) => ({
        key: e.id,
        content: (
          <div className="timeline-entry" data-testid="timeline-entry">
            <div className="timeline-head">
              <span className="timeline-time">{formatTime(e.at)}</span>
              <strong>{e.actionLabel}</strong>
              {e.subject && <span className="timeline-subject">{e.subject}</span>}
              <span className="timeline-who">{who(e)}</span>
            </div>
            {e.changes.length > 0 && (
              <ul className="timeline-changes">
                {e.changes.map((c) => (
                  <li key={c.field}>
                    {t('timeline.change', { field: fieldName(c.field, c.fieldLabel), before: fieldValue(c.field, c.before), after: fieldValue(c.field, c.after) })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ),
      }))}
    />
  );
}
