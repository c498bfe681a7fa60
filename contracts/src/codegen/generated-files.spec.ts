import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONTRACTS_ROOT, driftedFiles } from './generated-files';

describe('generated types', () => {
  it('are exactly what the schemas generate (else run `npm run contracts:generate`)', () => {
    // The generator regenerates everything in memory and compares; it runs as its own process
    // because prettier cannot load inside jest.
    const run = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', path.join(__dirname, 'generate-types.ts'), '--check'],
      {
        cwd: path.resolve(CONTRACTS_ROOT, '..'),
        encoding: 'utf8',
      },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('count as drifted when changed, missing, or no longer produced by any schema', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'lastri-contracts-'));
    try {
      mkdirSync(path.join(root, 'src/generated/events'), { recursive: true });
      writeFileSync(path.join(root, 'src/generated/index.ts'), 'export {};\n');
      writeFileSync(
        path.join(root, 'src/generated/events/edited.v1.ts'),
        'export type A = string;\n',
      );
      writeFileSync(
        path.join(root, 'src/generated/events/removed.v1.ts'),
        'export type B = string;\n',
      );
      const generated = [
        { path: 'src/generated/index.ts', content: 'export {};\n' },
        { path: 'src/generated/events/edited.v1.ts', content: 'export type A = number;\n' },
        { path: 'src/generated/events/added.v1.ts', content: 'export type C = string;\n' },
      ];
      expect(driftedFiles(generated, root)).toEqual([
        'src/generated/events/added.v1.ts',
        'src/generated/events/edited.v1.ts',
        'src/generated/events/removed.v1.ts',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
