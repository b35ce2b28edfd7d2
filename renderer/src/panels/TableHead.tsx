/**
 * A table's header row: the first `left` columns (what a row is) left-aligned, the figures after them right-aligned,
 * as every compact table of the cockpit lays them out.
 */
export function TableHead({ columns, left = 1 }: { columns: readonly string[]; left?: number }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => (
          <th key={column} className={index < left ? undefined : 'right'}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
