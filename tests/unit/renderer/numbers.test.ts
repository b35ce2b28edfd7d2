import { describe, expect, it } from 'vitest';
import { formatPrice, formatSignedPercent, formatSignedPrice, formatSize, tickDecimals } from '../../../renderer/src/format/numbers';

describe('trading number formats', () => {
  it('prints prices at the tick size precision with thousands separators', () => {
    expect(tickDecimals(0.01)).toBe(2);
    expect(tickDecimals(0.0001)).toBe(4);
    expect(tickDecimals(1)).toBe(0);
    expect(formatPrice(1234.5)).toBe('1,234.50');
    expect(formatPrice(0.123456, 0.0001)).toBe('0.1235');
    expect(formatPrice(null)).toBe('—');
  });

  it('prints sizes with thousands separators', () => {
    expect(formatSize(12300)).toBe('12,300');
    expect(formatSize(undefined)).toBe('—');
  });

  it('marks direction with an arrow and a sign, not colour alone', () => {
    expect(formatSignedPrice(0.25)).toBe('▲ +0.25');
    expect(formatSignedPrice(-1.1)).toBe('▼ −1.10');
    expect(formatSignedPrice(0.001)).toBe('0.00');
    expect(formatSignedPercent(0.125)).toBe('+12.5%');
    expect(formatSignedPercent(-0.03)).toBe('−3.0%');
  });
});
