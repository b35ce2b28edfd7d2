import type { ColDef, ColGroupDef, ValueFormatterParams } from 'ag-grid-community';
import { formatNumber, formatPrice, formatSize } from '../../format/numbers';
import type { ChainRow, OptionQuote } from './chainRows';

type Field = keyof Pick<OptionQuote, 'bid' | 'ask' | 'last' | 'volume' | 'openInterest' | 'iv' | 'delta' | 'gamma' | 'theta' | 'vega'>;

const price = (p: ValueFormatterParams) => formatPrice(p.value as number | null);
const size = (p: ValueFormatterParams) => formatSize(p.value as number | null);
const percent = (p: ValueFormatterParams) => (p.value == null ? '—' : `${formatNumber((p.value as number) * 100, 1)}%`);
const greek = (decimals: number) => (p: ValueFormatterParams) => formatNumber(p.value as number | null, decimals);

const fields: Array<{ field: Field; header: string; format: (p: ValueFormatterParams) => string; width: number }> = [
  { field: 'bid', header: 'Bid', format: price, width: 54 },
  { field: 'ask', header: 'Ask', format: price, width: 54 },
  { field: 'last', header: 'Last', format: price, width: 54 },
  { field: 'volume', header: 'Vol', format: size, width: 54 },
  { field: 'openInterest', header: 'OI', format: size, width: 60 },
  { field: 'iv', header: 'IV', format: percent, width: 52 },
  { field: 'delta', header: 'Δ', format: greek(3), width: 54 },
  { field: 'gamma', header: 'Γ', format: greek(4), width: 58 },
  { field: 'theta', header: 'Θ', format: greek(3), width: 54 },
  { field: 'vega', header: 'Vega', format: greek(3), width: 52 },
];

function side(type: 'call' | 'put'): ColGroupDef<ChainRow> {
  const ordered = type === 'call' ? [...fields].reverse() : fields;
  return {
    headerName: type === 'call' ? 'CALLS' : 'PUTS',
    headerClass: `chain-group-${type}`,
    children: ordered.map(
      (f): ColDef<ChainRow> => ({
        colId: `${type}-${f.field}`,
        headerName: f.header,
        valueGetter: (p) => p.data?.[type]?.[f.field] ?? null,
        valueFormatter: f.format,
        width: f.width,
        cellClass: `num chain-${type}`,
        type: 'rightAligned',
        enableCellChangeFlash: true,
      }),
    ),
  };
}

/** Calls mirrored on the left, the strike in the middle, puts on the right: the usual chain reading order. */
export const chainColumns: Array<ColDef<ChainRow> | ColGroupDef<ChainRow>> = [
  side('call'),
  { colId: 'strike', field: 'strike', headerName: 'Strike', width: 84, cellClass: 'num chain-strike', valueFormatter: price, sort: 'asc' },
  side('put'),
];
