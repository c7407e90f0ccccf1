/** Pieces every report page shares: the drill path, the export and print buttons, a place link. */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableExport } from '../../components/TableExport';
import { usePlaceParam } from '../../app/usePlaceParam';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import type { PlaceStep, ReportPlace } from './api';
import './reports.css';

/** True when the user may open the place (it lies within his scope). */
export function useReaches(): (code: string) => boolean {
  const { scopeCode } = useSelectedPlace();
  return (code) => scopeCode === '0' || code.startsWith(scopeCode);
}

/** 商丘市 › 夏邑县 › 桑堌乡: every step within the user's scope is a link up the tree. */
export function DrillPath({ place }: { place: ReportPlace | undefined }) {
  const [, setPlace] = usePlaceParam();
  const reaches = useReaches();
  if (!place) return null;
  const steps: PlaceStep[] = place.path.length > 0 ? place.path : [place];
  return (
    <Breadcrumb
      className="drill-path"
      items={steps.map((s, i) => ({
        key: s.code,
        title:
          i < steps.length - 1 && reaches(s.code) ? (
            <a onClick={() => setPlace(s.code)} data-testid={`drill-up-${s.code}`}>
              {s.name}
            </a>
          ) : (
            <strong>{s.name}</strong>
          ),
      }))}
    />
  );
}

/** A child place's name that drills down to it. */
export function PlaceLink({ place }: { place: PlaceStep }) {
  const [, setPlace] = usePlaceParam();
  return (
    <a className="place-link" onClick={() => setPlace(place.code)}>
      {place.name}
    </a>
  );
}

/** Export (.xlsx from the server, with the page's filters) and print buttons, hidden when printing. */
export function ReportActions({ exportUrl, extra }: { exportUrl?: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Space className="no-print">
      {extra}
      {exportUrl ? (
        <Button icon={<DownloadOutlined />} href={exportUrl} download>
          {t('reports.common.export')}
        </Button>
      ) : (
        // No workbook from the server for this page: the table as shown.
        <TableExport />
      )}
      <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
        {t('reports.common.print')}
      </Button>
    </Space>
  );
}
