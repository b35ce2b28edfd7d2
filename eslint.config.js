// Lint keeps the layers honest: core/ never touches electron or the DOM, renderer/ never touches Node, only electron/
// imports electron, and inside core/ the arrows point one way (see LAYERS below and design.md's layout).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronImport = { name: 'electron', message: 'Only electron/ may import electron.' };
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement'];
const nodeImports = (why) => nodeModules.map((name) => ({ name, message: why }));

/** An import path that reaches one of these top-level core/ folders (at any depth of ../). */
const folders = (...names) => `(^|/)(${names.join('|')})(/|$)`;

/**
 * Who may import whom inside core/. Each layer lists the core/ folders it must not import, with the reason shown when
 * an import breaks the rule. tests/unit/lint/layers.test.ts lints a fixture that breaks each rule.
 */
const LAYERS = [
  {
    layer: 'venues',
    forbidden: ['app', 'store', 'analytics', 'sim'],
    message: 'A venue publishes domain events on the bus and accepts commands: it never imports the app, the store (Redis writing), analytics or the simulator.',
    paths: [{ name: 'ioredis', message: 'A venue writes no Redis: core/store/ subscribes to its events.' }],
  },
  {
    layer: 'analytics',
    forbidden: ['app', 'store', 'venues', 'sim', 'contract', 'runtime', 'risk', 'config', 'signals', 'execution', 'discovery', 'distribution'],
    message: 'analytics/ imports only market/, bus/ and itself.',
    paths: [{ name: 'ioredis', message: 'analytics/ does no I/O.' }, { name: '@stoqey/ib', message: 'analytics/ does no I/O.' }],
  },
  {
    layer: 'contract',
    forbidden: ['app', 'store', 'venues', 'sim', 'analytics', 'bus', 'runtime', 'risk', 'config'],
    message: 'The contract imports only market/ and its own types (the renderer imports it).',
    paths: nodeImports('The contract is browser-safe: no Node modules.'),
  },
  {
    layer: 'sim',
    forbidden: ['app', 'store', 'venues', 'analytics', 'bus', 'contract', 'risk', 'config'],
    // One shared pure helper of the kernel is allowed: how a port that is taken is said (runtime/listenFailure).
    extra: '(^|/)runtime/(?!listenFailure$)',
    message: 'The simulator is a peer of the venues: it imports nothing of the product beyond market/ (and runtime/listenFailure).',
  },
  { layer: 'market', forbidden: ['app', 'store', 'venues', 'sim', 'analytics', 'bus', 'contract', 'runtime', 'risk', 'config'], message: 'market/ holds domain types and pure helpers: it imports nothing else of core/.' },
  { layer: 'bus', forbidden: ['app', 'store', 'venues', 'sim', 'analytics', 'runtime', 'risk', 'config'], message: 'bus/ names events and commands with market/ and contract/ types only.' },
  { layer: 'runtime', forbidden: ['app', 'store', 'venues', 'sim', 'analytics', 'bus', 'risk', 'config'], message: 'runtime/ is the kernel every module uses: it depends on none of them.' },
  { layer: 'store', forbidden: ['app', 'venues', 'sim'], message: 'store/ writes what the bus carries: it never imports the app, a venue or the simulator.' },
  { layer: 'risk', forbidden: ['app', 'venues', 'sim'], message: 'risk/ never imports the app, a venue or the simulator.' },
  {
    layer: 'execution',
    forbidden: ['app', 'store', 'venues', 'sim', 'analytics', 'config', 'signals', 'discovery', 'distribution'],
    message: 'execution/ (the order manager) reaches the venue through its ExecutionVenue port and Redis through its store port: it never imports the app, a venue, the store or the simulator.',
    paths: [{ name: 'ioredis', message: 'execution/ keeps its state through a store port: core/store/ writes Redis.' }, { name: '@stoqey/ib', message: 'execution/ reaches the venue through its ExecutionVenue port.' }],
  },
  {
    layer: 'discovery',
    forbidden: ['app', 'store', 'venues', 'sim', 'analytics', 'bus', 'contract', 'runtime', 'risk', 'config', 'signals', 'execution', 'distribution'],
    message: 'discovery/ holds pure parameter-discovery methods: it imports only market/ and itself.',
    paths: [{ name: 'ioredis', message: 'discovery/ does no I/O.' }, { name: '@stoqey/ib', message: 'discovery/ does no I/O.' }],
  },
  {
    layer: 'signals',
    forbidden: ['app', 'store', 'venues', 'sim', 'contract', 'runtime', 'config', 'execution', 'discovery', 'distribution'],
    message: 'signals/ turns a snapshot into proposals: it imports only market/, bus/, analytics/ and itself (orders go through the bus to risk).',
    paths: [{ name: 'ioredis', message: 'signals/ does no I/O.' }, { name: '@stoqey/ib', message: 'signals/ does no I/O.' }],
  },
  {
    layer: 'distribution',
    forbidden: ['app', 'store', 'venues', 'sim', 'analytics', 'bus', 'runtime', 'risk', 'config', 'signals', 'execution', 'discovery'],
    message: 'distribution/ renders messages and talks to Discord, Telegram and X: it imports only market/, the contract’s types and itself (the app wires it to the bus, Redis goes through its OutboxStore port).',
    paths: [{ name: 'ioredis', message: 'distribution/ keeps its outbox through the OutboxStore port: core/store/ writes Redis.' }, { name: '@stoqey/ib', message: 'distribution/ never talks to the venue.' }],
  },
  { layer: 'config', forbidden: ['app', 'store', 'venues', 'sim', 'analytics', 'bus', 'risk'], message: 'config/ only loads and validates settings.' },
];

const coreBaseImports = { group: ['react', 'react-dom', '**/renderer/**', '**/electron/**'], message: 'core/ never imports the renderer, React or electron/.' };

function layerRules({ layer, forbidden, extra, message, paths = [] }) {
  return {
    files: [`core/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronImport, ...paths],
        patterns: [coreBaseImports, { regex: extra ? `${folders(...forbidden)}|${extra}` : folders(...forbidden), message }],
      }],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['core/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronImport],
        patterns: [coreBaseImports, { regex: folders('sim'), message: 'Only the composition root (core/app/) imports the simulator.' }],
      }],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  ...LAYERS.map(layerRules),
  {
    // The composition root wires everything, the simulator included.
    files: ['core/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport], patterns: [coreBaseImports] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [electronImport, ...nodeImports('renderer/ runs in the browser: no Node modules.')],
        patterns: [
          { regex: '(^|/)core/(?!contract/)', message: 'The renderer talks to the engine only through the contract: it imports core/contract/ and nothing else of core/.' },
          { group: ['**/electron/**', 'ioredis', '@stoqey/ib'], message: 'The renderer runs in the browser and talks to the engine only through the contract.' },
        ],
      }],
    },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport] }] },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
