import { describe, expect, it } from 'vitest';
import { monthlySeries, yearProgress } from './progress';

const base = { year: 2024, currentYear: 2024, targetPersons: 100, targetHouseholds: 40, exitedPersons: 0, exitedHouseholds: 0, inProgressPersons: 0 };

describe('progress against a yearly target', () => {
  it.each([
    ['met when the exits reach the target', { exitedPersons: 100 }, 'met'],
    ['met above it, in a past year too', { year: 2022, exitedPersons: 120 }, 'met'],
    ['behind in a past year short of it', { year: 2023, exitedPersons: 99 }, 'behind'],
    ['on track when the cases in progress would reach it', { exitedPersons: 60, inProgressPersons: 40 }, 'on_track'],
    ['behind when even they would not', { exitedPersons: 60, inProgressPersons: 39 }, 'behind'],
    ['planned for a later year', { year: 2025 }, 'planned'],
    ['no target', { targetPersons: null }, 'no_target'],
  ] as const)('%s', (_name, change, status) => {
    expect(yearProgress({ ...base, ...change }).status).toBe(status);
  });

  it('reports the share and the forecast', () => {
    expect(yearProgress({ ...base, exitedPersons: 37, inProgressPersons: 20 })).toMatchObject({ share: 0.37, forecastPersons: 57, statusLabel: '落后于计划' });
    expect(yearProgress({ ...base, targetPersons: null }).share).toBeNull();
  });

  it('cumulates completed persons by month beside a straight-line plan', () => {
    const series = monthlySeries([{ month: 3, persons: 10 }, { month: 3, persons: 2 }, { month: 7, persons: 30 }], 120);
    expect(series).toHaveLength(12);
    expect(series[1]).toEqual({ month: 2, persons: 0, cumulative: 0, planned: 20 });
    expect(series[2]).toEqual({ month: 3, persons: 12, cumulative: 12, planned: 30 });
    expect(series[11]).toEqual({ month: 12, persons: 0, cumulative: 42, planned: 120 });
    expect(monthlySeries([], null)[0].planned).toBeNull();
  });
});
