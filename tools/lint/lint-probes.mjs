// Lints source texts that exist only in memory, as if they stood at the given paths, with the
// workspace's ESLint config. Reads [{ filePath, code }] as JSON on stdin, prints each probe's
// errors as JSON. Used by module-boundaries.spec.ts (jest cannot load ESLint's ESM config).
import { ESLint } from 'eslint';

const input = await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(JSON.parse(text)));
});
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { filePath, code } of input) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push(result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`));
}
process.stdout.write(JSON.stringify(results));
