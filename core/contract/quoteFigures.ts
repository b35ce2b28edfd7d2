/** The figures the cockpit derives from a streamed quote, computed as the engine computes them. */
export { quoteChange, quoteSpread } from '../market/quote';
