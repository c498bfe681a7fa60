/**
 * Turns the JSON Schemas under contracts/events and contracts/envelope into src/generated/: one
 * TypeScript module per schema, and an index that registers every event type's schemas and data
 * types by version. The schemas are the promise; the types follow them and are never edited by
 * hand. Build-time only (json-schema-to-typescript is a devDependency):
 *
 *   npm run contracts:generate              writes the files
 *   npm run contracts:generate -- --check   lists the files that drifted from the schemas, exit 1
 *
 * It runs as its own process, not inside jest: prettier 3 loads itself with a dynamic import
 * that jest's module system refuses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { format, resolveConfig } from 'prettier';
import {
  EVENT_CONTEXTS,
  EVENT_TYPES,
  SCHEMA_BASE_URI,
  contextOf,
  isEventType,
} from '../wire-names';
import {
  CONTRACTS_ROOT,
  GENERATED_DIR,
  driftedFiles,
  writeGeneratedFiles,
  type GeneratedFile,
} from './generated-files';

const SCHEMA_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.v([1-9][0-9]*)\.schema\.json$/;

interface SchemaFile {
  /** Relative to contracts/, e.g. events/intake/case-submitted.v1.schema.json. */
  path: string;
  title: string;
  version: number;
  schema: JSONSchema;
  /** The generated root type: CaseSubmittedV1Data for an event's data, EventMetadataV1 otherwise. */
  typeName: string;
}

async function generateTypes(): Promise<GeneratedFile[]> {
  const eventSchemas = EVENT_CONTEXTS.flatMap((context) =>
    readSchemaFiles(`events/${context}`, 'Data'),
  );
  checkEventSchemas(eventSchemas);
  const envelopeSchemas = readSchemaFiles('envelope', '');
  const files = await Promise.all([...eventSchemas, ...envelopeSchemas].map(typeModule));
  files.push(
    await formatted({
      path: `${GENERATED_DIR}/index.ts`,
      content: indexModule(eventSchemas, envelopeSchemas),
    }),
  );
  return files;
}

function readSchemaFiles(dir: string, typeSuffix: string): SchemaFile[] {
  return readdirSync(path.join(CONTRACTS_ROOT, dir))
    .sort()
    .map((name) => {
      const relativePath = `${dir}/${name}`;
      const match = SCHEMA_FILE.exec(name);
      if (!match) {
        throw new Error(
          `${relativePath}: schema files are named <kebab-name>.v<version>.schema.json.`,
        );
      }
      const schema = JSON.parse(
        readFileSync(path.join(CONTRACTS_ROOT, relativePath), 'utf8'),
      ) as JSONSchema;
      const title = schema.title ?? '';
      if (kebabCase(title) !== match[1]) {
        throw new Error(
          `${relativePath}: title ${JSON.stringify(title)} does not match the file name.`,
        );
      }
      if (schema.$id !== `${SCHEMA_BASE_URI}${relativePath}`) {
        throw new Error(
          `${relativePath}: $id must be ${SCHEMA_BASE_URI}${relativePath}, where partners find it.`,
        );
      }
      const version = Number(match[2]);
      return {
        path: relativePath,
        title,
        version,
        schema,
        typeName: `${title}V${version}${typeSuffix}`,
      };
    });
}

/** Every wire-name event type has schemas v1…vN in its context's folder, and nothing else is there. */
function checkEventSchemas(files: SchemaFile[]): void {
  for (const file of files) {
    if (!isEventType(file.title)) {
      throw new Error(`${file.path}: ${file.title} is not an event type in wire-names.ts.`);
    }
    if (!file.path.startsWith(`events/${contextOf(file.title)}/`)) {
      throw new Error(`${file.path}: ${file.title} belongs in events/${contextOf(file.title)}/.`);
    }
  }
  for (const type of EVENT_TYPES) {
    const versions = files.filter((file) => file.title === type).map((file) => file.version);
    if (versions.length === 0 || versions.some((version, index) => version !== index + 1)) {
      throw new Error(
        `${type}: expected schemas v1…vN without gaps, found [${versions.join(', ')}].`,
      );
    }
  }
}

async function typeModule(file: SchemaFile): Promise<GeneratedFile> {
  const code = await compile(file.schema, file.typeName, {
    bannerComment: banner(`from contracts/${file.path}`),
    // The schemas say `additionalProperties: false` wherever it applies; this is only the default.
    additionalProperties: false,
    customName: (schema) => (schema.$id === file.schema.$id ? file.typeName : undefined),
    // `minItems: 1` would otherwise become tuple types that producers cannot build with map().
    ignoreMinAndMaxItems: true,
    unknownAny: true,
    format: false,
  });
  return formatted({
    path: `${GENERATED_DIR}/${file.path.replace(/\.schema\.json$/, '.ts')}`,
    content: code,
  });
}

function indexModule(events: SchemaFile[], envelope: SchemaFile[]): string {
  const byType = EVENT_TYPES.map((type) => ({
    type,
    files: events.filter((file) => file.title === type),
  }));
  const schemaName = (file: SchemaFile) => `${lowerFirst(file.title)}V${file.version}Schema`;
  const modulePath = (file: SchemaFile) => `./${file.path.replace(/\.schema\.json$/, '')}`;
  const lines = [
    banner('from the schemas under contracts/events and contracts/envelope'),
    "import type { EventType } from '../wire-names';",
    "import type { JsonSchema } from '../catalogue/json-schema';",
    ...events.map((file) => `import ${schemaName(file)} from '../../${file.path}';`),
    ...events.map((file) => `import type { ${file.typeName} } from '${modulePath(file)}';`),
    '',
    `export type { ${events.map((file) => file.typeName).join(', ')} };`,
    ...envelope.map((file) => `export type { ${file.typeName} } from '${modulePath(file)}';`),
    '',
    "/** Each event type's data type, by schema version. */",
    'export interface EventDataByVersion {',
    ...byType.map(
      ({ type, files }) =>
        `  ${type}: { ${files.map((file) => `${file.version}: ${file.typeName}`).join('; ')} };`,
    ),
    '}',
    '',
    "/** Each event type's latest schema version: what producers write and upcasters lead to. */",
    'export const latestSchemaVersions = {',
    ...byType.map(({ type, files }) => `  ${type}: ${files.length},`),
    '} as const satisfies Record<EventType, number>;',
    '',
    "/** Each event type's JSON Schemas, by version. */",
    'export const eventSchemas: { readonly [T in EventType]: Readonly<Record<number, JsonSchema>> } = {',
    ...byType.map(
      ({ type, files }) =>
        `  ${type}: { ${files.map((file) => `${file.version}: ${schemaName(file)}`).join(', ')} },`,
    ),
    '};',
    '',
  ];
  return lines.join('\n');
}

function banner(source: string): string {
  return `// Generated by \`npm run contracts:generate\` ${source}.\n// Do not edit: change the schema and regenerate.`;
}

async function formatted(file: GeneratedFile): Promise<GeneratedFile> {
  const absolutePath = path.join(CONTRACTS_ROOT, file.path);
  const options = await resolveConfig(absolutePath);
  return {
    path: file.path,
    content: await format(file.content, { ...options, filepath: absolutePath }),
  };
}

function kebabCase(pascalCase: string): string {
  return pascalCase.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

async function main(check: boolean): Promise<void> {
  const files = await generateTypes();
  if (!check) {
    writeGeneratedFiles(files);
    console.log(`Wrote ${files.length} files to contracts/${GENERATED_DIR}.`);
    return;
  }
  const drifted = driftedFiles(files);
  if (drifted.length > 0) {
    console.error(
      `Out of date with the schemas (run npm run contracts:generate):\n${drifted.join('\n')}`,
    );
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main(process.argv.includes('--check')).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
