import { CompanyId, TenantId, UserId } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import type { CompanyRow } from '../companies.repository';
import { companySearchColumns } from '../company-search';
import { type BatchContext, planBatch } from './batch-plan';
import { type DataField, type ImportRow, validateImportRow } from './import-row';

const tenantId = TenantId.parse('00000000-0000-4000-8000-00000000000a');
let ids = 0;
const ctx = (): BatchContext => ({
  tenantId,
  userId: UserId.parse('00000000-0000-4000-8000-0000000000ff'),
  now: new Date('2024-05-01T00:00:00Z'),
  newId: () => CompanyId.parse(`00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`),
});

function row(line: number, input: Record<string, unknown>, owned?: DataField[]): ImportRow {
  const result = validateImportRow(
    line,
    input,
    owned ?? (Object.keys(input).filter((k) => k !== 'id') as DataField[]),
  );
  if (!result.row) throw new Error(JSON.stringify(result.errors));
  return result.row;
}

function existing(overrides: Partial<CompanyRow>): CompanyRow {
  const base = row(1, {
    name: overrides.name ?? '既存工業',
    corporateNumber: overrides.corporateNumber ?? null,
  }).insert;
  const at = new Date('2024-01-01T00:00:00Z');
  const company: CompanyRow = {
    tenantId,
    id: CompanyId.parse('99999999-9999-4999-8999-999999999999'),
    ...base,
    ...companySearchColumns(base),
    archivedAt: null,
    createdAt: at,
    updatedAt: at,
    createdBy: null,
    updatedBy: null,
    version: 3,
    ...overrides,
  };
  return company;
}

describe('planBatch', () => {
  it('inserts new companies with search columns and an audit event, keeping the file’s ID', () => {
    const plan = planBatch(
      [
        row(2, { name: '新規精工', nameKana: 'シンキセイコウ' }),
        row(3, { name: 'ID付き', id: '12345678-1234-4234-8234-123456789012' }),
      ],
      [],
      ctx(),
    );
    expect(plan).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    expect(plan.writes[0]).toMatchObject({
      name: '新規精工',
      version: 1,
      kanaSort: 'しんきせいこう',
      tenantId,
    });
    expect(plan.writes[1]?.id).toBe('12345678-1234-4234-8234-123456789012');
    expect(plan.events[0]).toMatchObject({
      action: 'import',
      entity: 'company',
      changes: { name: { before: null, after: '新規精工' } },
    });
  });

  it('updates only the fields the row owns, bumps the version, and audits the changed fields', () => {
    const current = existing({
      corporateNumber: '1180301018771',
      technologies: ['溶接'],
      representativeName: '川崎太郎',
    });
    const plan = planBatch(
      [
        row(2, { corporateNumber: '1180301018771', name: '新商号工業' }, [
          'corporateNumber',
          'name',
        ]),
      ],
      [current],
      ctx(),
    );
    expect(plan).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(plan.writes[0]).toMatchObject({
      id: current.id,
      name: '新商号工業',
      technologies: ['溶接'],
      representativeName: '川崎太郎',
      version: 4,
    });
    expect(plan.writes[0]?.searchText).toContain('新商号工業');
    expect(plan.events[0]?.changes).toEqual({ name: { before: '既存工業', after: '新商号工業' } });
  });

  it('writes nothing for an unchanged row, or for a 国税庁 row older than what is stored', () => {
    const current = existing({ corporateNumber: '1180301018771', ntaUpdatedOn: '2024-04-01' });
    const same = planBatch(
      [row(2, { corporateNumber: '1180301018771', name: '既存工業' })],
      [current],
      ctx(),
    );
    expect(same).toMatchObject({ unchanged: 1, writes: [] });
    const older = planBatch(
      [row(2, { corporateNumber: '1180301018771', name: '旧商号', ntaUpdatedOn: '2023-01-01' })],
      [current],
      ctx(),
    );
    expect(older).toMatchObject({ unchanged: 1, writes: [] });
  });

  it('matches by 法人番号 first, then by ID, and applies rows in order: one write per company', () => {
    const current = existing({ corporateNumber: null });
    const plan = planBatch(
      [
        row(2, { id: current.id, corporateNumber: '1180301018771', name: '番号を付けた' }),
        row(3, { corporateNumber: '1180301018771', name: '名前も変えた' }, [
          'corporateNumber',
          'name',
        ]),
      ],
      [current],
      ctx(),
    );
    expect(plan).toMatchObject({ inserted: 0, updated: 2 });
    expect(plan.writes).toHaveLength(1);
    expect(plan.writes[0]).toMatchObject({
      id: current.id,
      corporateNumber: '1180301018771',
      name: '名前も変えた',
      version: 4,
    });
    expect(plan.events[0]?.changes.name).toEqual({ before: '既存工業', after: '名前も変えた' });
  });
});
