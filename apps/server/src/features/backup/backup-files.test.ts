import { describe, expect, it } from 'vitest';
import {
  backupFileName,
  namesToRotate,
  newestBackup,
  nextDailyDue,
  parseBackupFileName,
} from './backup-files';

const at = (iso: string) => new Date(iso);

describe('backup file names', () => {
  it('name the UTC time and the reason, and parse back', () => {
    const name = backupFileName(at('2025-04-01T09:05:07+09:00'), 'daily');
    expect(name).toBe('banso-20250401-000507-daily.sql.gz');
    expect(parseBackupFileName(name)).toEqual({
      name,
      at: at('2025-04-01T00:05:07Z'),
      reason: 'daily',
      sequence: 1,
    });
    expect(backupFileName(at('2025-04-01T00:05:07Z'), 'manual', 3)).toBe(
      'banso-20250401-000507-manual-3.sql.gz',
    );
  });

  it('ignores files that are not backups, including ones being written', () => {
    for (const other of [
      'notes.txt',
      '.banso-20250401-000507-daily.sql.gz.123.partial',
      'banso-20250401-000507-weekly.sql.gz',
      'banso-20250401-0005-daily.sql.gz',
    ]) {
      expect(parseBackupFileName(other), other).toBeNull();
    }
  });
});

describe('rotation', () => {
  const names = [
    'banso-20250101-000000-daily.sql.gz',
    'banso-20250102-000000-daily.sql.gz',
    'banso-20250103-000000-daily.sql.gz',
    'banso-20250103-000000-daily-2.sql.gz',
    'banso-20250101-120000-shutdown.sql.gz',
    'banso-20250102-120000-shutdown.sql.gz',
    'banso-20241231-000000-manual.sql.gz',
    'my-own-copy.sql.gz',
  ];

  it('keeps the newest N of each reason and never touches other files', () => {
    expect(namesToRotate(names, 2).sort()).toEqual([
      'banso-20250101-000000-daily.sql.gz',
      'banso-20250102-000000-daily.sql.gz',
    ]);
    expect(namesToRotate(names, 1).sort()).toEqual([
      'banso-20250101-000000-daily.sql.gz',
      'banso-20250101-120000-shutdown.sql.gz',
      'banso-20250102-000000-daily.sql.gz',
      'banso-20250103-000000-daily.sql.gz',
    ]);
    expect(namesToRotate(names, 7)).toEqual([]);
  });

  it('finds the newest backup of a reason', () => {
    expect(newestBackup(names, 'daily')?.name).toBe('banso-20250103-000000-daily-2.sql.gz');
    expect(newestBackup(names, 'shutdown')?.at).toEqual(at('2025-01-02T12:00:00Z'));
    expect(newestBackup(['my-own-copy.sql.gz'], 'daily')).toBeNull();
  });
});

describe('when the next periodic backup is due', () => {
  const now = at('2025-04-02T12:00:00Z');
  it('is now when there is none or the newest is older than the interval', () => {
    expect(nextDailyDue(null, now, 24)).toEqual(now);
    expect(nextDailyDue(at('2025-04-01T11:00:00Z'), now, 24)).toEqual(now);
  });
  it('is one interval after the newest otherwise', () => {
    expect(nextDailyDue(at('2025-04-02T06:00:00Z'), now, 24)).toEqual(at('2025-04-03T06:00:00Z'));
    expect(nextDailyDue(at('2025-04-02T11:30:00Z'), now, 0.5)).toEqual(now);
  });
  it('never, when the interval is 0', () => {
    expect(nextDailyDue(null, now, 0)).toBeNull();
  });
});
