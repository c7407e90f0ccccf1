/** Risk grades as the monitoring pages show them: colours, tags, and the order red → undetermined. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Grade } from '../../api/assessment';

export const GRADES: Grade[] = ['red', 'yellow', 'green', 'undetermined'];

export const GRADE_COLORS: Record<Grade, string> = { red: '#cf1322', yellow: '#d4a106', green: '#389e0d', undetermined: '#8c8c8c' };

const TAG_COLORS: Record<Grade, string> = { red: 'red', yellow: 'gold', green: 'green', undetermined: 'default' };

export function GradeTag({ grade }: { grade: Grade }) {
  const { t } = useTranslation();
  return (
    <Tag color={TAG_COLORS[grade]} data-grade={grade}>
      {t(`monitoring.grades.${grade}`)}
    </Tag>
  );
}

/** The parent of a place code ('0' for a province). */
export function parentCode(code: string): string {
  const lengths = [12, 9, 6, 4, 2];
  const i = lengths.indexOf(code.length);
  return i < 0 || i === lengths.length - 1 ? '0' : code.slice(0, lengths[i + 1]);
}
