import type { OptionChainSnapshot } from '../../../../core/contract/contract';
import { type AlphaVantagePlan } from '../../feeds/useAlphaVantageFreshness';

/**
 * Says plainly when the chain is not live because of the Alpha Vantage plan: the previous session's chain (from
 * HISTORICAL_OPTIONS) is labelled as such, a plan without realtime options and no fallback says why the grid is
 * empty, and a daily cap says when calls resume.
 */
export function ChainPlanBanner({ chain, plan }: { chain: OptionChainSnapshot | null; plan: AlphaVantagePlan | null }) {
  const notEntitled = plan?.realtimeOptions === 'not_entitled';
  const previous = chain?.session === 'previous' || (notEntitled && chain !== null);
  const paused = plan?.notices.find((n) => n.startsWith("Alpha Vantage's daily limit"));
  if (previous) {
    return (
      <div className="plan-banner" data-testid="chain-previous-session">
        <strong>PREVIOUS SESSION</strong>
        quotes of {chain?.quoteDate ?? 'the last session'} (HISTORICAL_OPTIONS), not live: your Alpha Vantage plan does not include realtime options
        (they need the 600 or 1200 requests/min plan).
      </div>
    );
  }
  if (notEntitled) {
    return (
      <div className="plan-banner" data-testid="chain-plan-notice">
        <strong>NO REALTIME OPTIONS</strong>
        your Alpha Vantage plan does not include them (they need the 600 or 1200 requests/min plan)
        {plan?.optionsFallback === 'none' ? '; set alphaVantage.optionsFallback: historical to see the previous session.' : '; loading the previous session…'}
      </div>
    );
  }
  if (paused) {
    return (
      <div className="plan-banner" data-testid="chain-plan-notice">
        <strong>PAUSED</strong>
        {paused}
      </div>
    );
  }
  return null;
}
