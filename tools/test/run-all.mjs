// `npm test`: starts the real servers once for the whole run (infra/local/up.sh), checks types
// and module boundaries, runs every jest project (unit, integration, end-to-end), and ends with
// one plain line of totals — `N passed, N failed, N skipped` — that CI reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsFile = path.join(root, '.cache/jest-results.json');
const jestArgs = process.argv.slice(2);
const failedSteps = [];

function step(name, command, args, options = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${seconds}s)`);
  if (!ok) failedSteps.push(name);
  return result;
}

function startServers() {
  const wanted = [
    ['postgres', 'POSTGRES_URL'],
    ['kafka', 'KAFKA_BROKERS'],
    ['ferretdb', 'MONGO_URL'],
  ].filter(([, key]) => !process.env[key]);
  if (wanted.length === 0) return;
  const result = step(
    `infra: start ${wanted.map(([name]) => name).join(', ')}`,
    'bash',
    [path.join(root, 'infra/local/up.sh'), ...wanted.map(([name]) => name)],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  for (const line of (result.stdout ?? '').split('\n')) {
    const match = /^([A-Z_]+)=(.+)$/.exec(line.trim());
    if (match) {
      process.env[match[1]] = match[2];
      console.log(`  ${match[1]}=${match[2]}`);
    }
  }
}

startServers();
// A Kafka client LASTRI did not write, for the test that reads a topic the way a partner would.
step('tools: kcat', 'bash', [path.join(root, 'infra/local/kcat.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
// The property-based OpenAPI tester (PyPI) the OpenAPI end-to-end test runs; cached after the first run.
step('tools: schemathesis', 'bash', [path.join(root, 'infra/local/schemathesis.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('lint (module boundaries)', 'npm', ['run', '--silent', 'lint']);

mkdirSync(path.dirname(resultsFile), { recursive: true });
step('jest', 'npx', ['jest', '--ci', '--maxWorkers=2', '--forceExit', '--json', `--outputFile=${resultsFile}`, ...jestArgs]);

let totals = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
try {
  totals = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  failedSteps.push('reading jest results');
}
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
const skipped = totals.numPendingTests + totals.numTodoTests;
console.log(`${totals.numPassedTests} passed, ${totals.numFailedTests} failed, ${skipped} skipped`);
process.exit(failedSteps.length > 0 || totals.numFailedTests > 0 ? 1 : 0);
