import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../api/types';
import { houseGrade, labelOrDash, yesNo } from '../../app/labels';

/** 住房与饮水: house safety grade, renovation/relocation, and the four drinking-water checks. */
export function HousingWater({ household: h }: { household: Household }) {
  const { t } = useTranslation();
  const unit = (value: number | null, key: 'litres' | 'minutes' | 'days') => (value == null ? '—' : t(`card.housingWater.${key}`, { value }));
  return (
    <div className="housing-water">
      <Descriptions
        size="small"
        bordered
        title={t('card.housingWater.safety')}
        column={3}
        items={[
          { key: 'grade', label: t('card.housingWater.grade'), children: labelOrDash(houseGrade, h.houseGrade) },
          { key: 'renovated', label: t('card.housingWater.renovated'), children: yesNo(h.houseRenovated) },
          { key: 'relocated', label: t('card.housingWater.relocated'), children: yesNo(h.relocated) },
        ]}
      />
      <Descriptions
        size="small"
        bordered
        title={t('card.housingWater.water')}
        column={3}
        items={[
          { key: 'lpd', label: t('card.housingWater.lpd'), children: unit(h.waterLpd, 'litres') },
          { key: 'quality', label: t('card.housingWater.quality'), children: yesNo(h.waterQualityOk) },
          { key: 'piped', label: t('card.housingWater.piped'), children: yesNo(h.waterPiped) },
          { key: 'trip', label: t('card.housingWater.trip'), children: unit(h.waterTripMinutes, 'minutes') },
          { key: 'outage', label: t('card.housingWater.outage'), children: unit(h.waterOutageDays, 'days') },
          { key: 'scarce', label: t('card.housingWater.scarce'), children: yesNo(h.waterScarceArea) },
          { key: 'horizontal', label: t('monitoring.facts.horizontal'), children: h.waterHorizontalM ?? '—' },
          { key: 'vertical', label: t('monitoring.facts.vertical'), children: h.waterVerticalM ?? '—' },
          {
            key: 'risks',
            label: t('monitoring.facts.openRisks'),
            children: h.openRiskTypes.length ? h.openRiskTypes.map((r) => t(`monitoring.riskTypes.${r}`)).join('、') : '—',
          },
        ]}
      />
    </div>
  );
}
