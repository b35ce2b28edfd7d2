export type { DiscoveryProvenance, DiscoveryRefusal, DiscoveryWindow } from '../market/discoveryReading';
