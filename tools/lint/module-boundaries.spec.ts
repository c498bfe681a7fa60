/**
 * The architecture's boundaries are lint errors, not advice: these cases lint real source text
 * with the workspace's own ESLint config, as `npm run lint` does, and expect it to refuse.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

async function lintAs(filePath: string, code: string): Promise<string[]> {
  const output = execFileSync('node', [path.join(__dirname, 'lint-probes.mjs')], {
    cwd: root,
    input: JSON.stringify([{ filePath: path.join(root, filePath), code }]),
    encoding: 'utf8',
  });
  return (JSON.parse(output) as string[][])[0];
}

describe('module boundaries', () => {
  beforeAll(() => {
    // The Nx rule reads the cached project graph; computing it is what `npm run lint` does first.
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore' });
  });

  it('refuses a util library importing a library of a wider type', async () => {
    // A spec file, so that only the Nx tag constraint (not the test-helper ban) can object.
    const errors = await lintAs(
      'libs/kernel/src/boundary-probe.spec.ts',
      "import { uniqueName } from '@lastri/testing';\nexport const name = uniqueName;\n",
    );
    expect(errors).toContainEqual(expect.stringMatching(/^@nx\/enforce-module-boundaries: .*"type:util" can only depend/));
  });

  it('accepts an infrastructure library importing a util library', async () => {
    const errors = await lintAs(
      'libs/event-store/src/boundary-probe.ts',
      "import { newId } from '@lastri/kernel';\nexport const id = newId;\n",
    );
    expect(errors).toEqual([]);
  });

  it('refuses a context importing another context', async () => {
    const errors = await lintAs(
      'libs/eligibility/src/boundary-probe.ts',
      "import { IntakeModule } from '@lastri/intake';\nexport const intake = IntakeModule;\n",
    );
    expect(errors).toContainEqual(expect.stringMatching(/"scope:eligibility" can only depend on libs tagged with "scope:eligibility", "scope:shared"/));
  });

  it('refuses a service importing a context other than its own', async () => {
    const errors = await lintAs(
      'services/intake/src/boundary-probe.ts',
      "import { EligibilityModule } from '@lastri/eligibility';\nexport const eligibility = EligibilityModule;\n",
    );
    expect(errors).toContainEqual(expect.stringMatching(/"scope:intake" can only depend on libs tagged with "scope:intake", "scope:shared"/));
  });

  it('lets the standalone host import every context', async () => {
    const errors = await lintAs(
      'services/standalone/src/boundary-probe.ts',
      "import { IntakeModule } from '@lastri/intake';\nimport { EligibilityModule } from '@lastri/eligibility';\nexport const modules = [IntakeModule, EligibilityModule];\n",
    );
    expect(errors).toEqual([]);
  });

  it.each(['@nestjs/common', 'mongoose', 'kafkajs', '@kurrent/kurrentdb-client', 'class-validator'])(
    'refuses %s inside a domain/ folder',
    async (banned) => {
      const errors = await lintAs(
        'libs/event-store/src/domain/boundary-probe.ts',
        `import * as banned from '${banned}';\nexport const used = banned;\n`,
      );
      expect(errors).toEqual([expect.stringMatching(/^no-restricted-imports: .*domain\/ is plain TypeScript/)]);
    },
  );

  it('refuses reading the clock or randomness inside a domain/ folder', async () => {
    const errors = await lintAs(
      'libs/event-store/src/domain/boundary-probe.ts',
      'export const decidedAt = Date.now();\nexport const at = new Date();\nexport const r = Math.random();\n',
    );
    expect(errors).toHaveLength(3);
  });

  it('keeps the test helpers out of production code but lets specs use them', async () => {
    const code = "import { postgresUrl } from '@lastri/testing';\nexport const url = postgresUrl;\n";
    expect(await lintAs('libs/event-store/src/boundary-probe.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*Test helpers/),
    ]);
    expect(await lintAs('libs/event-store/src/boundary-probe.spec.ts', code)).toEqual([]);
  });
});
