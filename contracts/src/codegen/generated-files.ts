/** Reading, comparing and writing the files under src/generated, kept apart from the generator. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CONTRACTS_ROOT = path.resolve(__dirname, '../..');
export const GENERATED_DIR = 'src/generated';

/** A file to write, its path relative to contracts/. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** Paths whose committed content differs from `generated`, is missing, or that no schema produces any more. */
export function driftedFiles(generated: readonly GeneratedFile[], root = CONTRACTS_ROOT): string[] {
  const wanted = new Set(generated.map((file) => file.path));
  const stale = listGeneratedFiles(root).filter((file) => !wanted.has(file));
  const changed = generated
    .filter((file) => {
      const absolutePath = path.join(root, file.path);
      return !existsSync(absolutePath) || readFileSync(absolutePath, 'utf8') !== file.content;
    })
    .map((file) => file.path);
  return [...changed, ...stale].sort();
}

/** Writes the generated files and removes generated files no schema produces any more. */
export function writeGeneratedFiles(
  generated: readonly GeneratedFile[],
  root = CONTRACTS_ROOT,
): void {
  const wanted = new Set(generated.map((file) => file.path));
  for (const stale of listGeneratedFiles(root).filter((file) => !wanted.has(file))) {
    rmSync(path.join(root, stale));
  }
  for (const file of generated) {
    mkdirSync(path.dirname(path.join(root, file.path)), { recursive: true });
    writeFileSync(path.join(root, file.path), file.content);
  }
}

function listGeneratedFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    existsSync(path.join(root, dir))
      ? readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory()
            ? walk(`${dir}/${entry.name}`)
            : entry.name.endsWith('.ts')
              ? [`${dir}/${entry.name}`]
              : [],
        )
      : [];
  return walk(GENERATED_DIR);
}
