// Runs before every test file: Nest and class-transformer need the metadata polyfill.
require('reflect-metadata');
// Hosts log JSON lines at LOG_LEVEL; a test run stays quiet unless asked otherwise.
process.env.LOG_LEVEL ??= 'silent';
