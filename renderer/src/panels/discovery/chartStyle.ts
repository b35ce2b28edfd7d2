import type { AnnotationOptions } from 'chartjs-plugin-annotation';

/** The cockpit's chart colours and font (as in the GEX and options-flow charts). */
export const COLOURS = {
  bar: '#4ea1ff',
  chosen: '#2ecc71',
  other: '#5b6b82',
  significant: '#f5a623',
  band: '#ff4d4f',
  lookback: '#c9a0ff',
  paper: '#f5a623',
  boundary: '#7d8796',
  text: '#d5dbe5',
  muted: '#7d8796',
  grid: '#252c38',
  low: '#2ecc71',
  high: '#ff4d4f',
};
export const FONT = { family: "'JetBrains Mono', 'DejaVu Sans Mono', monospace", size: 10 };

/** An axis in the cockpit's colours, with a title. */
export function axis(title: string) {
  return {
    type: 'linear' as const,
    ticks: { color: COLOURS.muted, font: FONT, maxRotation: 0 },
    grid: { color: COLOURS.grid },
    title: { display: true, text: title, color: COLOURS.muted, font: FONT },
  };
}

/** A labelled line across the chart at `value` on `scaleID` (x: vertical, y: horizontal). */
export function markLine(scaleID: 'x' | 'y', value: number, colour: string, text: string, options: { dashed?: boolean; position?: 'start' | 'end' | 'center' } = {}): AnnotationOptions<'line'> {
  return {
    type: 'line',
    scaleID,
    value,
    borderColor: colour,
    borderWidth: options.dashed ? 1 : 1.5,
    borderDash: options.dashed ? [4, 3] : [],
    label: { display: text !== '', content: text, position: options.position ?? 'start', color: colour, backgroundColor: 'rgba(11,14,19,0.85)', font: FONT, padding: 2 },
  };
}
