import type { ModuleHealth } from '../../../../core/contract/contract';
import { formatAge } from '../../format/age';
import { useNow } from '../../stores/nowStore';

const stateIcons: Record<ModuleHealth['state'], string> = {
  running: '●',
  starting: '◌',
  restarting: '↻',
  failed: '✖',
  stopping: '◌',
  stopped: '○',
};

const formatDetail = (detail: ModuleHealth['detail']) =>
  Object.entries(detail)
    .map(([key, value]) => `${key} ${value ?? '—'}`)
    .join(' · ');

/** One row per engine module: state, heartbeat age (ticking), restarts and last error. */
export function ModuleTable({ modules }: { modules: Record<string, ModuleHealth> }) {
  const now = useNow();
  return (
    <table className="grid-table" data-testid="module-table">
      <thead>
        <tr>
          <th scope="col">Module</th>
          <th scope="col">State</th>
          <th scope="col" className="right">Heartbeat</th>
          <th scope="col" className="right">Restarts</th>
          <th scope="col">Detail</th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(modules).map(([name, module]) => (
          <tr key={name} data-testid={`module-row-${name}`} className={`module-${module.state}`}>
            <th scope="row">{name}</th>
            <td data-testid={`module-state-${name}`} className={`module-state state-${module.state}`}>
              <span aria-hidden="true">{stateIcons[module.state]}</span> {module.state}
            </td>
            <td className="num right" data-testid={`module-heartbeat-${name}`}>
              {module.lastHeartbeat === null ? '—' : `${formatAge(now - module.lastHeartbeat)} ago`}
            </td>
            <td className={`num right ${module.restarts > 0 ? 'warn' : ''}`}>{module.restarts}</td>
            <td className="muted detail-cell">{formatDetail(module.detail)}</td>
            <td className="error-cell" title={module.error ?? ''}>
              {module.error ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
