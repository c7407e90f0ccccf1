import type { ThemeConfig } from 'antd';

/** A sober government palette: deep blue header, compact controls, dense tables. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4f91',
    borderRadius: 3,
    fontSize: 13,
    fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
  },
  components: {
    Layout: { headerBg: '#163f73', headerHeight: 52, headerPadding: '0 20px', siderBg: '#ffffff', bodyBg: '#f0f2f5' },
    Table: { headerBg: '#f2f5f9', cellPaddingBlockSM: 6, cellFontSizeSM: 12 },
    Descriptions: { labelBg: '#f2f5f9' },
    Menu: { itemSelectedBg: '#e8eff9', itemSelectedColor: '#1d4f91', subMenuItemBg: '#ffffff' },
    Tree: { nodeSelectedBg: '#dce7f5', nodeHoverBg: '#eef3fa' },
  },
};
