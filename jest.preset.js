// Shared by every project's jest.config.js. ts-jest only transpiles (isolatedModules):
// type errors are `npm run typecheck`'s job, so a test run stays fast on two cores.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json'), diagnostics: false }],
    // jose 6 ships ES modules only; Node 20 runs them, but jest's module loader cannot, so
    // its files are compiled to CommonJS for the tests.
    '^.+/node_modules/jose/.+\\.js$': [
      'ts-jest',
      { tsconfig: path.join(__dirname, 'tsconfig.esm-deps.json'), diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  setupFiles: [path.join(__dirname, 'tools/test/setup-env.js')],
};
