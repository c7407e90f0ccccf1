/** Numbers as a cadre reads them: "3,150.00 元", "3,218 元", "45%", "90.1%". */
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const upToTwoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** An amount of money: always two decimals. */
export const yuan = (n: number): string => `${twoDecimals.format(n)} 元`;

/** A standard or threshold: decimals only when it has them. */
export const lineYuan = (n: number): string => `${upToTwoDecimals.format(n)} 元`;

export const percent = (share: number): string => `${upToTwoDecimals.format(Math.round(share * 1000) / 10)}%`;

export const plain = (n: number): string => upToTwoDecimals.format(n);

export const roundCents = (n: number): number => Math.round(n * 100) / 100;

const GRADE_NUMERALS = ['', '一', '二', '三', '四'];
export const disabilityGradeText = (grade: number): string => `${GRADE_NUMERALS[grade] ?? grade}级`;
