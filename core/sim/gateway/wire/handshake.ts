import { etZoneAbbreviation } from '../../../market/newYorkTime';
import { twsDateTime } from './twsTime';
/** The v100+ version negotiation: the client offers "vMIN..MAX" (optionally " +PACEAPI"); the server picks one. */
export const MIN_CLIENT_VERSION = 100;
export const MAX_SERVER_VERSION = 193;
/** The oldest server version whose layouts this gateway produces. */
export const MIN_SERVER_VERSION = 100;

export interface VersionOffer {
  min: number;
  max: number;
  options: string[];
}

export function parseVersionOffer(text: string): VersionOffer | { error: string } {
  const [range = '', ...options] = text.trim().split(/\s+/);
  const match = /^v(\d+)(?:\.\.(\d+))?$/.exec(range);
  if (!match) return { error: `malformed version offer "${text}"` };
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min > max) return { error: `version range ${min}..${max} is empty` };
  return { min, max, options };
}

/** Highest version both sides support, or an error when the ranges do not overlap. */
export function negotiateVersion(offer: VersionOffer, serverMax = MAX_SERVER_VERSION): number | { error: string } {
  const chosen = Math.min(offer.max, serverMax);
  if (chosen < offer.min || chosen < MIN_CLIENT_VERSION) {
    return { error: `no common version: client ${offer.min}..${offer.max}, server ${MIN_CLIENT_VERSION}..${serverMax}` };
  }
  return chosen;
}

/** TWS's connection-time text, e.g. "20250101 09:30:00 EST", on the market's clock. */
export function formatConnectionTime(epochMs: number): string {
  return `${twsDateTime(epochMs).replace(' US/Eastern', '')} ${etZoneAbbreviation(epochMs)}`;
}
