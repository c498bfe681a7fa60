// `npm start`: the standalone host (services/standalone) — one process, SQLite event store
// under ./data, embedded transport, in-memory read models. It arrives with the intake issue;
// until then this says so instead of pretending to start something.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const main = path.join(root, 'services/standalone/src/main.ts');
if (!existsSync(main)) {
  console.error('LASTRI standalone host is not built yet: services/standalone arrives with the intake issue.');
  process.exit(1);
}
const { spawnSync } = await import('node:child_process');
const result = spawnSync(process.execPath, ['-r', '@swc-node/register', main], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
