import type { AlphaTraderBridge } from './alphatraderBridge';

declare global {
  interface Window {
    /** Present only inside the Electron shell (exposed by electron/preload.ts). */
    readonly alphatrader?: AlphaTraderBridge;
  }
}
