/** Loss: the day's loss (realized + unrealized) and the drawdown from the day's high. Orders that shrink a position still pass. */
import { deny, money, reducesPosition } from './checkHelpers';
import type { OrderCheck } from './orderGate';

/** risk.maxDailyLoss. */
export const dailyLossCheck: OrderCheck = (request, context) => {
  const { dayPnl, limits } = context;
  if (-dayPnl < limits.maxDailyLoss || reducesPosition(request, context)) return null;
  return deny('DAILY_LOSS', `Today's loss is ${money(-dayPnl)}, at or past the ${money(limits.maxDailyLoss)} limit (risk.maxDailyLoss): only orders that shrink a position pass.`);
};

/** risk.maxDrawdown: from the day's highest P&L (at least 0). */
export const drawdownCheck: OrderCheck = (request, context) => {
  const { dayPnl, dayPnlHigh, limits } = context;
  const drawdown = dayPnlHigh - dayPnl;
  if (drawdown < limits.maxDrawdown || reducesPosition(request, context)) return null;
  return deny('DRAWDOWN', `P&L is ${money(drawdown)} below today's high of ${money(dayPnlHigh)}, at or past the ${money(limits.maxDrawdown)} drawdown limit (risk.maxDrawdown): only orders that shrink a position pass.`);
};
