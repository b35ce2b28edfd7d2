import { useEffect, useState, type UIEvent } from 'react';

/** Rows drawn above and below the view; a scroll redraws once it has moved this many rows. */
const MARGIN_ROWS = 5;
/** Before the first measurement: enough rows for a tall panel. */
const DEFAULT_VIEW_ROWS = 40;

export interface RowWindow {
  /** The scrolling element's ref callback. */
  bodyRef(element: HTMLDivElement | null): void;
  onScroll(event: UIEvent<HTMLDivElement>): void;
  /** Index of the first row drawn. */
  first: number;
  /** How many rows to draw from `first`. */
  count: number;
}

/**
 * The rows of a fixed-row-height list that are in view, plus a margin: the list draws only these (the rest is
 * empty space of the right height), so its cost follows the panel's height, not the list's length.
 */
export function useRowWindow(rowPx: number): RowWindow {
  const [body, bodyRef] = useState<HTMLDivElement | null>(null);
  const [viewRows, setViewRows] = useState(DEFAULT_VIEW_ROWS);
  const [first, setFirst] = useState(0);
  useEffect(() => {
    if (!body) return;
    const observer = new ResizeObserver(() => setViewRows(Math.ceil(body.clientHeight / rowPx) + 1));
    observer.observe(body);
    return () => observer.disconnect();
  }, [body, rowPx]);
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const wanted = Math.max(0, Math.floor(event.currentTarget.scrollTop / rowPx) - MARGIN_ROWS);
    if (Math.abs(wanted - first) >= MARGIN_ROWS || wanted === 0) setFirst(wanted);
  };
  return { bodyRef, onScroll, first, count: viewRows + 2 * MARGIN_ROWS };
}
