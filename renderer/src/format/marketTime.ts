/** The UI shows market times in New York, whatever the machine's zone. */
export const MARKET_TIME_ZONE = 'America/New_York';

const timeFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dateFormat = new Intl.DateTimeFormat('en-US', { timeZone: MARKET_TIME_ZONE, weekday: 'short', month: 'short', day: '2-digit' });
const zoneFormat = new Intl.DateTimeFormat('en-US', { timeZone: MARKET_TIME_ZONE, timeZoneName: 'short' });

/** 14:03:07 */
export const formatMarketTime = (epochMs: number): string => timeFormat.format(epochMs);
/** Wed, Nov 25 */
export const formatMarketDate = (epochMs: number): string => dateFormat.format(epochMs);
/** EST or EDT, as in force at that instant. */
export const marketZoneAbbreviation = (epochMs: number): string =>
  zoneFormat.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? 'ET';
/** 14:03:07 EST */
export const formatMarketTimestamp = (epochMs: number): string => `${formatMarketTime(epochMs)} ${marketZoneAbbreviation(epochMs)}`;
