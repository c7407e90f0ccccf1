import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../api/types';
import { yesNo } from '../../app/labels';

/** 两不愁: the visiting cadre's answers on food and clothing. */
export function BasicNeeds({ household: h }: { household: Household }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      items={[
        { key: 'food', label: t('card.basicNeeds.food'), children: yesNo(h.foodSecure) },
        { key: 'clothing', label: t('card.basicNeeds.clothing'), children: yesNo(h.clothingSecure) },
      ]}
    />
  );
}
