import { createEventStore } from '@lastri/event-store';
import { newId } from '@lastri/kernel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { EligibilityWorld, TestClock } from '../testing/eligibility-world';
import { catalogueWith, publishedRuleSet, revised } from '../testing/rules.fixture';
import { EXIT_NOT_IDENTICAL, eligibilityCommandsWith } from './eligibility.commands';

const catalogue = catalogueWith(revised(publishedRuleSet('pkh'), { version: '2', effectiveFrom: '2026-01-01', parameters: { elderlyMinimumAge: 60 } }));

describe('lastri eligibility-* commands', () => {
  let directory: string;
  let url: string;
  let world: EligibilityWorld;
  beforeEach(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'lastri-eligibility-cli-'));
    url = `sqlite:${path.join(directory, 'store.sqlite')}`;
    world = new EligibilityWorld(await createEventStore(url), catalogue);
  });
  afterEach(async () => {
    await world.close();
    rmSync(directory, { recursive: true, force: true });
  });

  function io(env: Record<string, string> = {}) {
    const out = { stdout: '', stderr: '' };
    return { out, io: { env, stdout: (text: string) => (out.stdout += text), stderr: (text: string) => (out.stderr += text) } };
  }
  function command(name: string, context: Parameters<typeof eligibilityCommandsWith>[0] = { catalogue, clock: new TestClock(new Date('2026-01-05T03:00:00Z')) }) {
    const found = eligibilityCommandsWith(context).find((candidate) => candidate.name === name);
    if (!found) throw new Error(`No command ${name}`);
    return found;
  }

  it('eligibility-rerun prints the report and exits 0 when the determination is reproduced', async () => {
    const residentId = newId();
    const [determined] = await world.determine.handle(await world.submitCase(residentId));
    const { out, io: terminal } = io({ EVENT_STORE_URL: url });
    expect(await command('eligibility-rerun').run(['--determination', determined.id], terminal)).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ determinationId: determined.id, residentId, identical: true, sources: { matches: true } });
    expect(out.stderr).toContain('Identical');
  });

  it(`eligibility-rerun exits ${EXIT_NOT_IDENTICAL} when the pinned rules no longer reproduce it`, async () => {
    const residentId = newId();
    const [determined] = await world.determine.handle(await world.submitCase(residentId, { submittedAt: '2026-02-01T09:00:00+07:00' }));
    const edited = revised(publishedRuleSet('pkh'), { version: '2', effectiveFrom: '2026-01-01', parameters: { elderlyMinimumAge: 65 } });
    const { out, io: terminal } = io();
    const code = await command('eligibility-rerun', { catalogue: catalogueWith(edited) }).run(['--determination', determined.id, '--store', url], terminal);
    expect(code).toBe(EXIT_NOT_IDENTICAL);
    expect(JSON.parse(out.stdout).ruleSets.find((check: { id: string }) => check.id === 'pkh')).toMatchObject({ matches: false });
  });

  it('eligibility-republish republishes as the named person and reports the changed cases', async () => {
    const residentId = newId();
    await world.determine.handle(await world.submitCase(residentId, { assessment: { elderlyMembers: [{ name: 'Mbah', age: 65 }] } }));
    const { out, io: terminal } = io({ EVENT_STORE_URL: url });
    expect(await command('eligibility-republish').run(['--by', 'kepala-dinas'], terminal)).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report).toMatchObject({ asOf: '2026-01-05', changed: [{ residentId, programmes: [{ programme: 'PKH' }] }] });
    expect((await world.eligibilityEvents(residentId)).at(-1)?.metadata.actor).toBe('admin:kepala-dinas');
  });

  it('refuse to run without what they need, saying so', async () => {
    const { out, io: terminal } = io();
    expect(await command('eligibility-republish').run([], terminal)).toBe(2);
    expect(out.stderr).toContain('--by <userId> is required');
    expect(await command('eligibility-rerun').run(['--determinaton', 'x'], terminal)).toBe(2);
    await expect(command('eligibility-rerun').run(['--determination', newId()], terminal)).rejects.toThrow(/EVENT_STORE_URL/);
  });
});
