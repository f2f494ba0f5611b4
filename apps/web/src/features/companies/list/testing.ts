import type { CompanyDto } from '../../../api/companies';

/** Test data for the company pages (component tests only). */

export const uuid = (n: number) => `0190a8a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

export function buildCompany(overrides: Partial<CompanyDto> = {}): CompanyDto {
  return {
    id: uuid(100),
    corporateNumber: '1180301018771',
    name: '川崎精工株式会社',
    nameKana: 'カワサキセイコウ',
    nameEn: 'Kawasaki Seiko Co., Ltd.',
    kind: 'sme',
    jsicCode: '2694',
    jsicName: { ja: '金属加工機械製造業', en: 'Metal working machinery' },
    postalCode: '2110004',
    municipalityCode: '141330',
    prefecture: '神奈川県',
    municipalityName: '川崎市 中原区',
    address: '新丸子東1-2-3',
    employees: 1234,
    capitalYen: 30000000,
    foundedYear: 1968,
    representativeName: '川崎 太郎',
    representativeBirthYear: 1950,
    successorStatus: 'candidate',
    website: 'https://example.jp/',
    businessDescription: '精密金型の設計・製作。',
    technologies: ['精密加工', '金型'],
    products: ['プレス金型'],
    equipment: ['5軸マシニングセンタ'],
    needs: ['販路開拓'],
    tags: ['事業承継', 'ものづくり'],
    status: 'active',
    closedOn: null,
    closeReason: null,
    successorCorporateNumber: null,
    archivedAt: null,
    createdAt: '2025-04-01T01:00:00.000Z',
    updatedAt: '2025-06-15T05:30:00.000Z',
    version: 3,
    ...overrides,
  };
}

export const writerSession = (role = 'staff') => ({
  user: {
    id: uuid(1),
    email: 'staff@example.jp',
    displayName: '川崎 花子',
    role,
    locale: 'ja',
  },
  tenant: { id: uuid(2), slug: 'kawasaki', name: '川崎市経済労働局', nameEn: null },
  csrfToken: 'csrf',
  expiresAt: '2030-01-01T00:00:00.000Z',
});
