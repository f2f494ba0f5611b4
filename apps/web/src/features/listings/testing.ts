import type { ListingDto } from '../../api/listings';
import type { MatchDto } from '../../api/matches';
import type { CandidateDto } from '../../api/matching';

/** Test data for the matching pages (component tests only), as the API answers it. */

export const id = (n: number) => `0190a8a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

export const problem = (status: number, code: string, detail: string, errors: unknown[] = []) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, detail, code, errors }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

export const session = (role = 'staff') => ({
  user: { id: id(1), email: 'staff@example.jp', displayName: '川崎 花子', role, locale: 'ja' },
  tenant: { id: id(2), slug: 'kawasaki', name: '川崎市経済労働局', nameEn: null },
  csrfToken: 'csrf',
  expiresAt: '2030-01-01T00:00:00.000Z',
});

export function buildListing(overrides: Partial<ListingDto> = {}): ListingDto {
  return {
    id: id(10),
    kind: 'open_patent',
    side: 'seed',
    title: '炭素繊維強化樹脂の成形方法',
    patentNumber: '特許第6123456号',
    applicationNumber: '特願2015-123456',
    publicationNumber: null,
    filedOn: '2015-06-01',
    registeredOn: '2017-03-10',
    abstract: '炭素繊維を積層して軽量で高強度な部品を短時間で成形する。',
    claims: null,
    technicalFields: ['複合材料'],
    functions: ['軽量化'],
    applicableProducts: ['自動車部品', 'ドローンの機体'],
    purpose: '成形時間の短縮',
    effect: '従来の半分の時間で成形できる',
    ipc: ['B29C 70/06'],
    holderCompanyId: id(11),
    holderName: '大手化学工業株式会社',
    assignmentOffered: false,
    licensing: 'non_exclusive',
    licensingRecord: null,
    status: 'offered',
    verifiedOn: '2025-04-01',
    licenseConditions: null,
    contact: null,
    source: 'INPIT',
    externalId: null,
    municipalityCode: null,
    archived: false,
    createdAt: '2025-04-01T01:00:00.000Z',
    updatedAt: '2025-04-01T01:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function buildCandidate(overrides: Partial<CandidateDto> = {}): CandidateDto {
  return {
    id: id(20),
    label: '川崎精密成形株式会社',
    detail: 'プラスチック製品製造業・川崎市 中原区',
    score: 12.345,
    summary: '共通語 「炭素繊維」(概要・技術)',
    reasons: [
      {
        type: 'term',
        term: '炭素繊維',
        fields: ['description', 'technologies'],
        contribution: 4.2,
      },
    ],
    highlight: ['炭素繊維'],
    decision: null,
    matchId: null,
    ...overrides,
  };
}

export function buildMatch(overrides: Partial<MatchDto> = {}): MatchDto {
  return {
    id: id(30),
    listingId: id(10),
    listingTitle: '炭素繊維強化樹脂の成形方法',
    listingKind: 'open_patent',
    holderName: '大手化学工業株式会社',
    companyId: id(20),
    companyName: '川崎精密成形株式会社',
    stage: 'candidate',
    status: 'active',
    stageDates: { candidate: '2025-05-01' },
    droppedOn: null,
    dropReason: null,
    origin: 'engine',
    partnerRegion: null,
    license: {
      type: null,
      field: null,
      territory: null,
      term: null,
      royaltyType: null,
      notes: null,
    },
    productName: null,
    launchedOn: null,
    coordinatorId: null,
    coordinatorName: null,
    programId: null,
    programName: null,
    notes: null,
    proposal: null,
    createdAt: '2025-05-01T01:00:00.000Z',
    updatedAt: '2025-05-01T01:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
