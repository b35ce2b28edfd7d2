import { useFeed } from '../feeds/useFeed';
import { formatMarketTime } from '../format/marketTime';
import { formatNumber, formatPrice, formatSignedPrice } from '../format/numbers';

const direction = (value: number | null) => (value === null || value === 0 ? '' : value > 0 ? 'up' : 'down');

function Figure({ label, testId, text, className = '', title }: { label: string; testId: string; text: string; className?: string; title?: string }) {
  return (
    <span className="account-figure" title={title}>
      <span className="muted">{label}</span>{' '}
      <span className={`num ${className}`} data-testid={testId}>
        {text}
      </span>
    </span>
  );
}

/**
 * The account at a glance, under the header: net liquidation, buying power, excess liquidity, the day's P&L and
 * the portfolio's dollar delta and theta. Dashes until the engine has the account.
 */
export function AccountStrip() {
  const account = useFeed('account', {}).event?.value ?? null;
  const day = account?.dayPnl ?? null;
  return (
    <section className="account-strip" aria-label="Account" data-testid="account-strip">
      <span className="account-name strong">{account?.account ?? 'Account'}</span>
      <Figure label="Net liquidation" testId="account-net-liquidation" text={formatPrice(account?.netLiquidation)} />
      <Figure label="Buying power" testId="account-buying-power" text={formatPrice(account?.buyingPower)} />
      <Figure label="Excess liquidity" testId="account-excess-liquidity" text={formatPrice(account?.excessLiquidity)} />
      <Figure label="Day P&L" testId="account-day-pnl" text={formatSignedPrice(day)} className={`strong ${direction(day)}`} />
      <Figure label="Unrealized" testId="account-unrealized" text={formatSignedPrice(account?.unrealizedPnl ?? null)} className={direction(account?.unrealizedPnl ?? null)} />
      <Figure label="$Δ" testId="account-delta-dollars" text={formatNumber(account?.greeks.deltaDollars, 0)} title="Portfolio delta in dollars (options)" />
      <Figure label="$Θ" testId="account-theta-dollars" text={formatNumber(account?.greeks.thetaDollars, 0)} title="Portfolio theta in dollars per day (options)" />
      {account && (
        <span className="muted num account-as-of" title={`${account.currency}, as the engine last heard from the account`}>
          {account.currency} · as of {formatMarketTime(account.updatedAt)}
        </span>
      )}
    </section>
  );
}
