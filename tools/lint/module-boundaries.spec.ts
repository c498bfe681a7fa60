/**
 * The architecture's boundaries are lint errors, not advice: these cases lint real source text
 * with the workspace's own ESLint config, as `npm run lint` does, and expect it to refuse.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

const DOMAIN_BANNED = ['@nestjs/common', 'mongoose', 'kafkajs', '@kurrent/kurrentdb-client', 'class-validator'];
const TEST_HELPER_IMPORT = "import { postgresUrl } from '@lastri/testing';\nexport const url = postgresUrl;\n";

/** Every source text the cases below lint, by name, as if it stood at `filePath`. */
const PROBES: Record<string, { filePath: string; code: string }> = {
  // A spec file, so that only the Nx tag constraint (not the test-helper ban) can object.
  utilImportsTesting: {
    filePath: 'libs/kernel/src/boundary-probe.spec.ts',
    code: "import { uniqueName } from '@lastri/testing';\nexport const name = uniqueName;\n",
  },
  infrastructureImportsUtil: {
    filePath: 'libs/event-store/src/boundary-probe.ts',
    code: "import { newId } from '@lastri/kernel';\nexport const id = newId;\n",
  },
  contextImportsContext: {
    filePath: 'libs/eligibility/src/boundary-probe.ts',
    code: "import { IntakeModule } from '@lastri/intake';\nexport const intake = IntakeModule;\n",
  },
  serviceImportsOtherContext: {
    filePath: 'services/intake/src/boundary-probe.ts',
    code: "import { EligibilityModule } from '@lastri/eligibility';\nexport const eligibility = EligibilityModule;\n",
  },
  standaloneImportsEveryContext: {
    filePath: 'services/standalone/src/boundary-probe.ts',
    code: "import { IntakeModule } from '@lastri/intake';\nimport { EligibilityModule } from '@lastri/eligibility';\nexport const modules = [IntakeModule, EligibilityModule];\n",
  },
  ...Object.fromEntries(
    DOMAIN_BANNED.map((banned) => [
      `domainImports ${banned}`,
      {
        filePath: 'libs/event-store/src/domain/boundary-probe.ts',
        code: `import * as banned from '${banned}';\nexport const used = banned;\n`,
      },
    ]),
  ),
  domainReadsClockAndRandomness: {
    filePath: 'libs/event-store/src/domain/boundary-probe.ts',
    code: 'export const decidedAt = Date.now();\nexport const at = new Date();\nexport const r = Math.random();\n',
  },
  productionImportsTesting: { filePath: 'libs/event-store/src/boundary-probe.ts', code: TEST_HELPER_IMPORT },
  specImportsTesting: { filePath: 'libs/event-store/src/boundary-probe.spec.ts', code: TEST_HELPER_IMPORT },
};

let errorsByProbe: Record<string, string[]>;

/** The errors ESLint reports for a probe. */
function lint(probe: string): string[] {
  return errorsByProbe[probe];
}

describe('module boundaries', () => {
  beforeAll(() => {
    // The Nx rule reads the cached project graph; computing it is what `npm run lint` does first.
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore' });
    // One ESLint process lints every probe: loading the config is most of the cost of a probe.
    const names = Object.keys(PROBES);
    const output = execFileSync('node', [path.join(__dirname, 'lint-probes.mjs')], {
      cwd: root,
      input: JSON.stringify(names.map((name) => ({ ...PROBES[name], filePath: path.join(root, PROBES[name].filePath) }))),
      encoding: 'utf8',
    });
    const results = JSON.parse(output) as string[][];
    errorsByProbe = Object.fromEntries(names.map((name, index) => [name, results[index]]));
  });

  it('refuses a util library importing a library of a wider type', () => {
    expect(lint('utilImportsTesting')).toContainEqual(
      expect.stringMatching(/^@nx\/enforce-module-boundaries: .*"type:util" can only depend/),
    );
  });

  it('accepts an infrastructure library importing a util library', () => {
    expect(lint('infrastructureImportsUtil')).toEqual([]);
  });

  it('refuses a context importing another context', () => {
    expect(lint('contextImportsContext')).toContainEqual(
      expect.stringMatching(/"scope:eligibility" can only depend on libs tagged with "scope:eligibility", "scope:shared"/),
    );
  });

  it('refuses a service importing a context other than its own', () => {
    expect(lint('serviceImportsOtherContext')).toContainEqual(
      expect.stringMatching(/"scope:intake" can only depend on libs tagged with "scope:intake", "scope:shared"/),
    );
  });

  it('lets the standalone host import every context', () => {
    expect(lint('standaloneImportsEveryContext')).toEqual([]);
  });

  it.each(DOMAIN_BANNED)('refuses %s inside a domain/ folder', (banned) => {
    expect(lint(`domainImports ${banned}`)).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*domain\/ is plain TypeScript/),
    ]);
  });

  it('refuses reading the clock or randomness inside a domain/ folder', () => {
    expect(lint('domainReadsClockAndRandomness')).toHaveLength(3);
  });

  it('keeps the test helpers out of production code but lets specs use them', () => {
    expect(lint('productionImportsTesting')).toEqual([expect.stringMatching(/^no-restricted-imports: .*Test helpers/)]);
    expect(lint('specImportsTesting')).toEqual([]);
  });
});
