// `npm start`: the standalone host (services/standalone) — one process, SQLite event store under
// ./data, embedded transport, no external server. The TypeScript runs directly through SWC; the
// workspace tsconfig is named so that decorator metadata (Nest's dependency injection) is emitted
// whatever the current directory. Configuration: see services/standalone/src/config.ts.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const main = path.join(root, 'services/standalone/src/main.ts');

const child = spawn(process.execPath, ['-r', '@swc-node/register', main], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? path.join(root, 'tsconfig.json') },
});

// Stopping `npm start` stops the server cleanly. Ctrl-C reaches the whole foreground process
// group, the server included, so SIGINT is only awaited here: passing it on as well would hit
// the server a second time mid-shutdown. SIGTERM and SIGHUP, sent to this process alone, are
// passed on. The server re-raises the signal once closed: dying by it is a clean stop.
const stopSignals = new Set();
process.on('SIGINT', () => stopSignals.add('SIGINT'));
for (const signal of ['SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopSignals.add(signal);
    child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal && stopSignals.has(signal) ? 0 : 1)));
