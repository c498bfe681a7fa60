// `npm start`: the standalone host (services/standalone) — one process, SQLite event store under
// ./data, embedded transport, no external server. The TypeScript runs directly through SWC; the
// workspace tsconfig is named so that decorator metadata (Nest's dependency injection) is emitted
// whatever the current directory. Configuration: see services/standalone/src/config.ts.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const main = path.join(root, 'services/standalone/src/main.ts');

// An IPC channel to the server: if this launcher dies in any way (SIGKILL included), the channel
// closes and the server stops itself gracefully (libs/service-host, graceful-shutdown.ts).
const child = spawn(process.execPath, ['-r', '@swc-node/register', main], {
  cwd: root,
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  env: {
    ...process.env,
    SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? path.join(root, 'tsconfig.json'),
    LASTRI_LAUNCHER_IPC: '1',
  },
});

// Stopping `npm start` stops the server cleanly: it drains its HTTP requests, stops its
// subscriptions, closes the store and exits 0. Ctrl-C reaches the whole foreground process group,
// the server included, so SIGINT is only awaited here. SIGTERM and SIGHUP, sent to this process
// alone, are passed on.
const stopSignals = new Set();
let stopping = false;
function stop(signal) {
  stopSignals.add(signal);
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
}
process.on('SIGINT', () => stopSignals.add('SIGINT'));
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));

// `kill -TERM <npm>`: npm passes the signal to its shell, which dies without passing it on, and
// this process is left with a new parent. Noticing that is the only sign it gets.
const launchedBy = process.ppid;
setInterval(() => {
  if (process.ppid !== launchedBy) stop('SIGTERM');
}, 250).unref();

child.on('exit', (code, signal) => process.exit(code ?? (signal && stopSignals.has(signal) ? 0 : 1)));
