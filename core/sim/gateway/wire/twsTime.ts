const NY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function nyParts(epochMs: number): Record<string, string> {
  return Object.fromEntries(NY.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
}

/** "YYYYMMDD HH:mm:ss US/Eastern", the form TWS uses for executions and intraday bars. */
export function twsDateTime(epochMs: number): string {
  const p = nyParts(epochMs);
  return `${p.year}${p.month}${p.day} ${p.hour}:${p.minute}:${p.second} US/Eastern`;
}

/** "YYYYMMDD" in New York. */
export function twsDate(epochMs: number): string {
  const p = nyParts(epochMs);
  return `${p.year}${p.month}${p.day}`;
}

/** "HH:mm" in New York (ACCT_UPDATE_TIME). */
export function twsClock(epochMs: number): string {
  const p = nyParts(epochMs);
  return `${p.hour}:${p.minute}`;
}
