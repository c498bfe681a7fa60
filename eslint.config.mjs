// Module boundaries are the architecture's load-bearing walls (docs/architecture.md, Layout):
// a context imports only contracts/ and shared libs, a service only its own context,
// and domain/ stays plain TypeScript. These rules fail `npm run lint`; they are not advice.
import nx from '@nx/eslint-plugin';

const CONTEXTS = ['intake', 'eligibility', 'referral', 'notification', 'reporting'];

const contextScopes = CONTEXTS.map((context) => ({
  sourceTag: `scope:${context}`,
  onlyDependOnLibsWithTags: [`scope:${context}`, 'scope:shared'],
}));

const FRAMEWORK_AND_ADAPTERS = [
  '@nestjs/*',
  'mongoose',
  'kafkajs',
  '@kurrent/*',
  'class-validator',
  'class-transformer',
  'pg',
  'better-sqlite3',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/coverage', '.cache', '.nx', 'data', 'tmp'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            ...contextScopes,
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The standalone host and the operator CLI are the only projects that see every context.
            {
              sourceTag: 'scope:standalone',
              onlyDependOnLibsWithTags: [...CONTEXTS.map((context) => `scope:${context}`), 'scope:shared'],
            },
            {
              sourceTag: 'scope:tools',
              onlyDependOnLibsWithTags: [...CONTEXTS.map((context) => `scope:${context}`), 'scope:shared'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:context', 'type:contract', 'type:util', 'type:infrastructure', 'type:testing'],
            },
            {
              sourceTag: 'type:context',
              onlyDependOnLibsWithTags: ['type:contract', 'type:util', 'type:infrastructure', 'type:testing'],
            },
            {
              sourceTag: 'type:infrastructure',
              onlyDependOnLibsWithTags: ['type:contract', 'type:util', 'type:infrastructure', 'type:testing'],
            },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:util', 'type:contract', 'type:infrastructure', 'type:testing'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The test helpers start servers and containers: production code never loads them.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/**', 'tools/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@lastri/testing', message: 'Test helpers belong in *.spec.ts files only.' }] },
      ],
    },
  },
  {
    // domain/ is decide/evolve in plain TypeScript: no framework, no adapter, no clock, no randomness.
    files: ['**/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: FRAMEWORK_AND_ADAPTERS,
              message: 'domain/ is plain TypeScript: move framework and adapter code to api/ or infrastructure/.',
            },
            { group: ['@lastri/testing'], message: 'Test helpers belong in *.spec.ts files only.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'domain/ takes the time as input (a Clock at the edge), never Date.now().',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'domain/ takes the time as input (a Clock at the edge), never new Date().',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'domain/ takes ids and randomness as input, never Math.random().',
        },
        {
          selector: "CallExpression[callee.name='randomUUID']",
          message: 'domain/ takes ids as input, never randomUUID().',
        },
      ],
    },
  },
];
