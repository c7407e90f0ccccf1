/** Small builders for labelled policy fields: each field carries its Chinese label for messages. */
import { z } from 'zod';

export const label = <T extends z.ZodType>(text: string, schema: T): T => schema.describe(text);

export const yearKey = z.string().regex(/^(19|20)\d{2}$/, '年份应为四位数字');
export const yuan = (text: string) => label(text, z.number().nonnegative());
export const share = (text: string) => label(text, z.number().gt(0).lte(1));
export const positiveInt = (text: string) => label(text, z.number().int().positive());
export const count = (text: string) => label(text, z.number().int().nonnegative());
export const byYear = <T extends z.ZodType>(text: string, value: T) => label(text, z.record(yearKey, value));
export const codes = (text: string) => label(text, z.array(z.string().min(1)));
