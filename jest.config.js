// One jest run over every project, so `npm test` prints one set of totals.
const fs = require('node:fs');
const path = require('node:path');

const projectDirs = ['libs', 'services']
  .flatMap((group) =>
    fs.existsSync(path.join(__dirname, group))
      ? fs.readdirSync(path.join(__dirname, group)).map((name) => path.join(group, name))
      : [],
  )
  .concat(['contracts', 'tools'])
  .filter((dir) => fs.existsSync(path.join(__dirname, dir, 'jest.config.js')));

module.exports = {
  projects: projectDirs.map((dir) => `<rootDir>/${dir}`),
  // A global option: in a project's config jest ignores it. Integration tests start servers and
  // child processes; no test asserts on time, this only bounds a hang.
  testTimeout: 60_000,
};
