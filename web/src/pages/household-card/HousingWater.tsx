import { Descriptions } from 'antd';
import type { Household } from '../../api/types';
import { houseGrade, labelOrDash, yesNo } from '../../app/labels';

const unit = (value: number | null, suffix: string) => (value == null ? '—' : `${value} ${suffix}`);

/** 住房与饮水: house safety grade, renovation/relocation, and the four drinking-water checks. */
export function HousingWater({ household: h }: { household: Household }) {
  return (
    <div className="housing-water">
      <Descriptions
        size="small"
        bordered
        title="住房安全"
        column={3}
        items={[
          { key: 'grade', label: '住房安全等级', children: labelOrDash(houseGrade, h.houseGrade) },
          { key: 'renovated', label: '危房改造', children: yesNo(h.houseRenovated) },
          { key: 'relocated', label: '易地扶贫搬迁', children: yesNo(h.relocated) },
        ]}
      />
      <Descriptions
        size="small"
        bordered
        title="饮水安全"
        column={3}
        items={[
          { key: 'lpd', label: '人均日供水量', children: unit(h.waterLpd, '升') },
          { key: 'quality', label: '水质达标', children: yesNo(h.waterQualityOk) },
          { key: 'piped', label: '自来水入户', children: yesNo(h.waterPiped) },
          { key: 'trip', label: '单次取水往返时间', children: unit(h.waterTripMinutes, '分钟') },
          { key: 'outage', label: '全年累计断水', children: unit(h.waterOutageDays, '天') },
          { key: 'scarce', label: '是否缺水地区', children: yesNo(h.waterScarceArea) },
        ]}
      />
    </div>
  );
}
