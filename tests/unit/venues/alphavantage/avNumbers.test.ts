import { describe, expect, it } from 'vitest';
import { avCount, avNumber, isCalendarDate, numberKey } from '../../../../core/venues/alphavantage/avNumbers';
import { parseNewYorkTime } from '../../../../core/market/newYorkTime';
import { parseNewsTime } from '../../../../core/market/newsTime';

describe('Alpha Vantage numbers', () => {
  it('reads numbers sent as strings with any precision and as JSON numbers alike', () => {
    expect(avNumber('450.00')).toBe(450);
    expect(avNumber('600.000000')).toBe(600);
    expect(avNumber(0.18213)).toBe(0.18213);
    expect(avNumber('-0.12140')).toBe(-0.1214);
  });

  it('never turns an absent or unreadable value into zero', () => {
    for (const value of ['', '  ', 'None', '-', 'NaN', null, undefined, {}, Number.POSITIVE_INFINITY]) expect(avNumber(value)).toBeUndefined();
  });

  it('refuses negative counts and rounds "25.0" to 25', () => {
    expect(avCount('25.0')).toBe(25);
    expect(avCount('-1')).toBeUndefined();
  });

  it('gives strike keys that do not depend on how the strike was printed', () => {
    expect(numberKey(avNumber('450.00')!)).toBe(numberKey(avNumber('450.000000')!));
    expect(numberKey(452.5)).toBe('452.5');
  });

  it('accepts only calendar dates that exist', () => {
    expect(isCalendarDate('2025-01-17')).toBe(true);
    expect(isCalendarDate('2025-02-30')).toBe(false);
    expect(isCalendarDate('20250117')).toBe(false);
  });
});

describe('US/Eastern market times', () => {
  it('converts winter times with a five-hour offset', () => {
    expect(parseNewYorkTime('2025-01-03 16:00:00')).toBe(Date.UTC(2025, 0, 3, 21, 0, 0));
    expect(parseNewYorkTime('2025-01-03 16:00')).toBe(Date.UTC(2025, 0, 3, 21, 0, 0));
  });

  it('converts summer times with a four-hour offset', () => {
    expect(parseNewYorkTime('2025-07-01 09:30')).toBe(Date.UTC(2025, 6, 1, 13, 30));
  });

  it('leaves the compact news time format to the news reader, which reads it as UTC', () => {
    expect(parseNewYorkTime('20250103T143000')).toBeUndefined();
    expect(parseNewsTime('20250103T143000')).toBe(Date.UTC(2025, 0, 3, 14, 30));
    expect(parseNewsTime('20250703T1430')).toBe(Date.UTC(2025, 6, 3, 14, 30));
    expect(parseNewsTime('20250231T120000')).toBeUndefined();
    expect(parseNewsTime('2025-01-03 14:30')).toBeUndefined();
  });

  it('refuses unreadable times', () => {
    expect(parseNewYorkTime('2025-13-01 10:00')).toBeUndefined();
    expect(parseNewYorkTime('yesterday')).toBeUndefined();
  });
});
