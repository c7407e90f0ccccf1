import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../api/types';
import { enumLabel, householdAttribute, labelOrDash, povertyCause } from '../../app/labels';
import { RevealNumber } from '../../components/RevealNumber';
import { StatusTag } from '../../components/StatusTag';

/** The household's header: number, place, head, attribute, status, causes, years. */
export function HouseholdSummary({ household: h }: { household: Household }) {
  const { t, i18n } = useTranslation();
  const otherCauses = h.otherCauses.map((c) => enumLabel(povertyCause, c)).join(i18n.language === 'en' ? ', ' : '、') || '—';
  const label = (key: string) => t(`card.summary.${key}`);
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 4 }}
      className="household-summary"
      items={[
        { key: 'no', label: label('no'), children: h.householdNo },
        { key: 'place', label: label('place'), children: h.placePath, span: 3 },
        { key: 'head', label: label('head'), children: h.headName },
        { key: 'headId', label: label('headId'), children: <RevealNumber householdNo={h.householdNo} field="idNumber" masked={h.headIdNumber} name={h.headName} /> },
        { key: 'phone', label: label('phone'), children: <RevealNumber householdNo={h.householdNo} field="phone" masked={h.phone} name={h.headName} /> },
        { key: 'size', label: label('size'), children: t('card.summary.sizeValue', { count: h.size }) },
        { key: 'attribute', label: label('attribute'), children: labelOrDash(householdAttribute, h.attribute) },
        { key: 'status', label: label('status'), children: <StatusTag status={h.status} category={h.monitorCategory} /> },
        { key: 'mainCause', label: label('mainCause'), children: labelOrDash(povertyCause, h.mainCause) },
        { key: 'otherCauses', label: label('otherCauses'), children: otherCauses },
        { key: 'identified', label: label('identified'), children: h.identifiedYear ?? '—' },
        { key: 'planned', label: label('planned'), children: h.plannedExitYear ?? '—' },
        { key: 'exit', label: label('exit'), children: h.exitYear ?? '—' },
        { key: 'deregister', label: label('deregister'), children: h.deregisterReason ?? '—' },
      ]}
    />
  );
}
