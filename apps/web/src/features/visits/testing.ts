import type { FollowUpDto, SupporterDto, VisitDto } from '../../api/caravan';
import { uuid } from '../companies/list/testing';

export { uuid };

/** Test data for the caravan pages (shaped exactly like the API's answers). */
export function buildSupporter(n: number, overrides: Partial<SupporterDto> = {}): SupporterDto {
  return {
    id: uuid(100 + n),
    userId: null,
    userDisplayName: null,
    name: `支援者${n}`,
    nameKana: null,
    organization: null,
    kind: 'staff',
    expertise: [],
    monthlyCapacity: 8,
    email: null,
    phone: null,
    notes: null,
    active: true,
    createdAt: '2026-04-01T00:00:00.000Z',
    updatedAt: '2026-04-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export const roster: SupporterDto[] = [
  buildSupporter(1, { name: '川崎 太郎', kind: 'staff', organization: '川崎市' }),
  buildSupporter(2, {
    name: '中原 花子',
    kind: 'coordinator',
    organization: 'KIS',
    expertise: ['販路開拓'],
  }),
  buildSupporter(3, {
    name: '高津 一郎',
    kind: 'expert',
    organization: '技術士事務所',
    expertise: ['技術・製造', '知財'],
  }),
  buildSupporter(4, {
    name: '宮前 次郎',
    kind: 'financial',
    organization: '川崎信用金庫',
    expertise: ['資金調達'],
  }),
  buildSupporter(5, { name: '麻生 三郎', kind: 'other', active: false }),
];

export const categories = {
  items: ['技術・製造', '販路開拓', '知財', '事業承継', '資金調達'].map((name) => ({
    name,
    finance: name === '資金調達',
    active: true,
  })),
};

export function buildFollowUp(n: number, overrides: Partial<FollowUpDto> = {}): FollowUpDto {
  return {
    id: uuid(300 + n),
    visitId: uuid(200),
    companyId: uuid(7),
    companyName: '川崎精工株式会社',
    title: `フォローアップ${n}`,
    assignee: { id: uuid(101), name: '川崎 太郎', kind: 'staff' },
    dueOn: '2026-05-01',
    status: 'open',
    overdue: false,
    completedOn: null,
    completionNote: null,
    createdAt: '2026-04-10T00:00:00.000Z',
    updatedAt: '2026-04-10T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function buildVisit(overrides: Partial<VisitDto> = {}): VisitDto {
  return {
    id: uuid(200),
    company: { id: uuid(7), name: '川崎精工株式会社', address: null },
    startsAt: '2026-04-10T01:00:00.000Z',
    endsAt: null,
    localDate: '2026-04-10',
    fiscalYear: 2026,
    kind: 'caravan',
    status: 'completed',
    purpose: '新製品の販路について',
    purposeCategories: [],
    listeningNotes: '「海外にも売りたい」',
    ownerAwareness: null,
    nextContactOn: null,
    location: null,
    completedAt: '2026-04-10T05:00:00.000Z',
    team: [
      {
        supporterId: uuid(101),
        name: '川崎 太郎',
        kind: 'staff',
        organization: '川崎市',
        role: 'lead',
      },
    ],
    issues: [],
    followUps: [],
    createdAt: '2026-04-10T05:00:00.000Z',
    updatedAt: '2026-04-10T05:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
