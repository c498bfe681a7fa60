// Runs before every test file: Nest and class-transformer need the metadata polyfill.
require('reflect-metadata');
