import { DEFAULT_FAULTS, type FarmName, type FaultSwitches, type GatewayFaults } from './gatewayFaults';

const HELP = [
  'faults                      show every switch',
  'set <switch> <value>        e.g. set stall true | set maxTickerLines 5 | set garbage extra | set unknownSymbols QQQ,IWM',
  'reset                       back to normal TWS behaviour',
  'depthReset | dropMidMessage [clientId] | connectivityLost | connectivityRestored [kept|lost]',
  'farmDown [marketData|historical] | farmUp [..] | farmFlap [..] [ms]',
  'sweep <SYMBOL> buy|sell [levels]  an aggressive order through the book now (seeded model only; default 4 levels)',
].join('\n');

/** One line typed at the `npm run sim` console → a change to the fault switches; returns what to print. */
export function runFaultCommand(f: GatewayFaults, line: string): string {
  const [cmd = '', ...args] = line.trim().split(/\s+/);
  const farm = (args[0] === 'historical' ? 'historical' : 'marketData') as FarmName;
  switch (cmd) {
    case '':
      return '';
    case 'help':
      return HELP;
    case 'faults':
      return JSON.stringify(f.snapshot());
    case 'reset':
      f.reset();
      return 'faults reset';
    case 'set':
      return setSwitch(f, args[0] ?? '', args.slice(1).join(' '));
    case 'depthReset':
      f.depthReset();
      return 'depth books reset (317)';
    case 'dropMidMessage':
      f.dropMidMessage(args[0] === undefined ? undefined : Number(args[0]));
      return 'dropped';
    case 'connectivityLost':
      f.connectivityLost();
      return '1100 sent';
    case 'connectivityRestored':
      f.connectivityRestored(args[0] !== 'lost');
      return args[0] === 'lost' ? '1101 sent' : '1102 sent';
    case 'farmDown':
      f.farmDown(farm);
      return `${farm} farm down`;
    case 'farmUp':
      f.farmUp(farm);
      return `${farm} farm up`;
    case 'farmFlap':
      f.farmFlap(farm, Number(args[1] ?? 1000));
      return `${farm} farm flapping`;
    default:
      return `unknown command "${cmd}"\n${HELP}`;
  }
}

function setSwitch(f: GatewayFaults, name: string, raw: string): string {
  if (!(name in DEFAULT_FAULTS)) return `unknown switch "${name}"; switches: ${Object.keys(DEFAULT_FAULTS).join(', ')}`;
  const key = name as keyof FaultSwitches;
  const current = DEFAULT_FAULTS[key];
  let value: unknown;
  if (typeof current === 'boolean') value = raw === 'true' || raw === '1' || raw === 'on';
  else if (typeof current === 'number') value = Number(raw);
  else if (Array.isArray(current)) value = raw.split(',').map((s) => s.trim()).filter(Boolean);
  else value = raw;
  if (typeof value === 'number' && !Number.isFinite(value)) return `"${raw}" is not a number`;
  if (key === 'garbage' && !['off', 'extra', 'short'].includes(String(value))) return 'garbage is off | extra | short';
  f.set({ [key]: value } as Partial<FaultSwitches>);
  return `${name} = ${JSON.stringify(value)}`;
}
