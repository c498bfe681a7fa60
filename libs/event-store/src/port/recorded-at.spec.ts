import { nextRecordedAt } from './recorded-at';

it('never gives a time before the stream head or the last one it gave out', () => {
  const now = new Date('2025-03-14T09:00:00.000Z');
  expect(nextRecordedAt(now)).toBe('2025-03-14T09:00:00.000Z');
  expect(nextRecordedAt(now, '2025-03-14T09:00:00.005Z', undefined)).toBe(
    '2025-03-14T09:00:00.005Z',
  );
  expect(nextRecordedAt(now, '2025-03-14T08:59:59.999Z', '2025-03-14T09:00:00.001Z')).toBe(
    '2025-03-14T09:00:00.001Z',
  );
});
