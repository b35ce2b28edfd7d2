import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { MarketMakerProfile } from '../../../../core/contract/contract';
import { formatSize } from '../../format/numbers';
import { formatDurationMs, formatFraction } from './discoveryFormat';

const share = (p: ValueFormatterParams<MarketMakerProfile, number>) => formatFraction(p.value ?? null);
const size = (p: ValueFormatterParams<MarketMakerProfile, number>) => formatSize(p.value ?? null);
const life = (p: ValueFormatterParams<MarketMakerProfile, number>) => (p.value == null ? '—' : formatDurationMs(p.value));
const numeric = { type: 'rightAligned', cellClass: 'num', filter: 'agNumberColumnFilter' } as const;

/** The market-maker table's columns, in the order the trader compares them. */
export const marketMakerColumns: Array<ColDef<MarketMakerProfile>> = [
  { field: 'exchange', headerName: 'Exchange', minWidth: 120, filter: 'agTextColumnFilter' },
  { field: 'marketMaker', headerName: 'Market maker', minWidth: 140, filter: 'agTextColumnFilter' },
  { field: 'topOfBookShare', headerName: 'Top of book', minWidth: 130, valueFormatter: share, headerTooltip: 'Share of snapshots at the best bid or ask', ...numeric },
  { field: 'presenceShare', headerName: 'Presence', minWidth: 116, valueFormatter: share, headerTooltip: 'Share of snapshots with any quote', ...numeric },
  { field: 'averageSize', headerName: 'Avg size', minWidth: 114, valueFormatter: size, ...numeric },
  { field: 'averageQuoteLifeMs', headerName: 'Quote life', minWidth: 120, valueFormatter: life, headerTooltip: 'Mean life of a quote at one price and side', ...numeric },
  { field: 'roundLotShare', headerName: 'Round lots', minWidth: 120, valueFormatter: share, headerTooltip: 'Share of rows whose size is a multiple of 100', ...numeric },
  { field: 'rows', headerName: 'Rows', minWidth: 106, valueFormatter: size, ...numeric },
];
