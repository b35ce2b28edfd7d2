export { startAlphaVantageEndpoint, type AlphaVantageEndpoint, type AlphaVantageEndpointOptions } from './alphaVantageEndpoint';
export type { AlphaVantageFaults } from './endpointFaults';
export type { ThrottleStyle } from './avErrors';
export { AV_PLANS, isAvPlan, type AvPlan } from './avPlan';
export { answerParams } from './queryRouter';
