import { describe, expect, it } from 'vitest';
import { assignedDays, onPostOf, requiredDays } from './onPost';

describe('days on post', () => {
  it('prorates the minimum by the days assigned', () => {
    expect(assignedDays('2024-04-01', '2024-04-16', null)).toBe(15);
    expect(requiredDays(20, '2024-04-01', 15)).toBe(10);
    expect(assignedDays('2024-04-01', '2024-05-02', null)).toBe(0);
    expect(assignedDays('2024-04-01', '2024-01-01', '2024-04-10')).toBe(10);
  });
  it('counts present and official trips, not leave, against it', () => {
    const r = onPostOf(20, '2024-04-01', { startedOn: '2024-01-01', endedOn: null }, [...Array(18).fill('present'), 'official_trip', 'leave']);
    expect([r.onPost, r.required, r.leave, r.below]).toEqual([19, 20, 1, true]);
    expect(onPostOf(20, '2024-04-01', { startedOn: '2024-05-01', endedOn: null }, []).below).toBe(false);
  });
});
