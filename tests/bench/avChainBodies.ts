/** A REALTIME_OPTIONS body of `count` contracts for `symbol` in AV's format (numbers as strings, mixed precision). */
export function chainBody(count: number, symbol = 'SPY'): string {
  const data = [];
  const expiries = ['2025-01-17', '2025-01-24', '2025-01-31', '2025-02-21', '2025-03-21', '2025-06-20', '2025-12-19', '2026-01-16', '2026-06-18', '2026-12-18'];
  for (let i = 0; data.length < count; i++) {
    const expiry = expiries[i % expiries.length]!;
    const strike = 300 + Math.floor(i / expiries.length) * 0.5;
    for (const type of ['call', 'put'] as const) {
      const occ = `${symbol}${expiry.slice(2).replaceAll('-', '')}${type === 'call' ? 'C' : 'P'}${String(Math.round(strike * 1000)).padStart(8, '0')}`;
      const delta = type === 'call' ? 0.5 + (i % 50) / 101 : -0.5 + (i % 50) / 101;
      data.push({
        contractID: occ, symbol, expiration: expiry, strike: i % 2 ? strike.toFixed(2) : strike.toFixed(6), type,
        last: '12.35', mark: '12.40', bid: '12.30', bid_size: '25', ask: '12.50', ask_size: '40', volume: '1834', open_interest: '20441',
        date: '2025-01-03', implied_volatility: '0.18213', delta: delta.toFixed(5), gamma: '0.01422', theta: '-0.12140', vega: '0.45120', rho: '0.11233',
      });
    }
  }
  return JSON.stringify({ endpoint: 'Realtime Options', message: 'success', data: data.slice(0, count) });
}
