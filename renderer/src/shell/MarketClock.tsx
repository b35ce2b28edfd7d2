import { formatMarketDate, formatMarketTime, marketZoneAbbreviation } from '../format/marketTime';
import { useNow } from '../stores/nowStore';

export function MarketClock() {
  const now = useNow();
  return (
    <div className="header-item market-clock" data-testid="market-clock" aria-label="Market time, New York">
      <span className="muted">{formatMarketDate(now)}</span>
      <time className="num strong" dateTime={new Date(now).toISOString()} data-testid="market-clock-time">
        {formatMarketTime(now)}
      </time>
      <span className="muted">{marketZoneAbbreviation(now)}</span>
    </div>
  );
}
