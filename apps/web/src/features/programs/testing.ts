import { fiscalYearLabel } from '@banso/shared';
import type { KpiDto, ProgramDetailDto } from '../../api/programs';
import type { KpiReportDto } from './kpis/kpi-api';

/** Test fixtures: programs of the Kawasaki KPI report, as the API answers them. */

let seq = 0;
const uuid = () => {
  seq += 1;
  return `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
};

type YearInput = {
  fy: number;
  plan: number | null;
  actual?: number | null;
  computed?: number | null;
};

/** A KPI as evaluated by the API: manual over computed, achievement as the server computes it. */
export function buildKpi(
  programId: string,
  overrides: Partial<Omit<KpiDto, 'years'>> & { years: YearInput[] },
): KpiDto {
  const { years, ...rest } = overrides;
  const kpi: KpiDto = {
    id: uuid(),
    programId,
    name: 'KPI',
    unit: '件',
    unitLabel: null,
    basis: 'fiscal',
    direction: 'increase',
    baseline: null,
    notes: null,
    metric: null,
    sortOrder: 0,
    years: [],
    createdAt: '2024-04-01T00:00:00.000Z',
    updatedAt: '2024-04-01T00:00:00.000Z',
    version: 1,
    ...rest,
  };
  kpi.years = years.map((y) => {
    const manual = y.actual ?? null;
    const computed = kpi.metric ? (y.computed ?? 0) : null;
    const actual = manual ?? computed;
    const rate =
      y.plan !== null && actual !== null && y.plan !== 0
        ? Math.round((actual / y.plan) * 1000) / 10
        : null;
    return {
      fy: y.fy,
      plan: y.plan,
      actual,
      manualActual: manual,
      computedActual: computed,
      actualSource: manual !== null ? 'manual' : computed !== null ? 'computed' : null,
      overridden: manual !== null && computed !== null,
      achievementRate: rate,
      achieved: y.plan !== null && actual !== null ? actual >= y.plan : null,
    };
  });
  return kpi;
}

export function buildProgram(overrides: Partial<ProgramDetailDto> = {}): ProgramDetailDto {
  const id = overrides.id ?? uuid();
  return {
    id,
    code: 'machikoba',
    name: '次世代につなぐ、ものづくりのまち川崎・町工場再生プロジェクト',
    scheme: '地方創生推進交付金',
    fromFy: 2020,
    toFy: 2022,
    description: [
      '事業承継支援の促進と、事業継続力強化の一体的支援により、市内中小企業の活動継続を支援する。',
    ],
    background: [],
    years: [
      {
        fy: 2022,
        figure: 'actual',
        costLabel: null,
        costThousandYen: 26718,
        grantThousandYen: 13359,
        intro: null,
        activities: [
          {
            title: null,
            body: null,
            items: ['②啓発セミナー開催 4回（事業承継：3回・BCP：1回）、出張セミナー 7回'],
          },
        ],
      },
    ],
    summary: [
      'これまでの3年間で、事業承継や事業継続力強化に取り組む企業の裾野を広げることができた。',
    ],
    sortOrder: 4,
    archivedAt: null,
    createdAt: '2024-04-01T00:00:00.000Z',
    updatedAt: '2024-04-01T00:00:00.000Z',
    version: 3,
    kpis: [
      buildKpi(id, {
        name: '川崎市内企業における新分野への展開等を行った企業数',
        years: [
          { fy: 2020, plan: 3, actual: 3 },
          { fy: 2021, plan: 5, actual: 8 },
          { fy: 2022, plan: 7, actual: 7 },
        ],
      }),
      buildKpi(id, {
        name: '事業承継の支援事例における、企業経営者の年齢引き下げ総計',
        unit: '歳',
        years: [
          { fy: 2020, plan: 340, actual: 498 },
          { fy: 2021, plan: 340, actual: 431 },
          { fy: 2022, plan: 340, actual: 568 },
        ],
      }),
    ],
    achievement: [
      { programId: id, name: '', fy: 2020, evaluated: 2, achieved: 2, share: 100 },
      { programId: id, name: '', fy: 2021, evaluated: 2, achieved: 2, share: 100 },
      { programId: id, name: '', fy: 2022, evaluated: 2, achieved: 2, share: 100 },
    ],
    ...overrides,
  };
}

/** The night-time economy program: a baseline column and calendar-year (観光統計) KPIs. */
export function buildNightProgram(): ProgramDetailDto {
  const id = uuid();
  return buildProgram({
    id,
    code: 'night',
    name: 'インバウンドを軸としたナイトタイムエコノミー推進事業',
    years: [
      {
        fy: 2022,
        figure: 'actual',
        costLabel: null,
        costThousandYen: 45880,
        grantThousandYen: 22940,
        intro: null,
        activities: [{ title: '① ナイトマーケット', body: '「川崎夜市」を初開催。', items: [] }],
      },
    ],
    kpis: [
      buildKpi(id, {
        name: 'インバウンド旅客等のキャッシュレス消費額',
        unit: '千円',
        basis: 'calendar',
        baseline: 1406427,
        years: [
          { fy: 2020, plan: null, actual: 157950 },
          { fy: 2021, plan: null, actual: 15943 },
          { fy: 2022, plan: null, actual: 124865 },
        ],
      }),
      buildKpi(id, {
        name: '外国人旅客者の川崎市内宿泊数',
        unit: '万人',
        basis: 'calendar',
        baseline: 26,
        years: [
          { fy: 2020, plan: null, actual: 6 },
          { fy: 2021, plan: null, actual: 1 },
          { fy: 2022, plan: null, actual: 4 },
        ],
      }),
    ],
    achievement: [],
  });
}

/** A program with a computed KPI (companies registered) and one manual override. */
export function buildComputedProgram(): ProgramDetailDto {
  const id = uuid();
  return buildProgram({
    id,
    code: 'computed',
    name: '企業登録促進事業',
    fromFy: 2021,
    toFy: 2022,
    years: [],
    kpis: [
      buildKpi(id, {
        name: '新規登録企業数',
        metric: {
          version: 1,
          entity: 'companies',
          aggregate: 'count',
          field: null,
          event: 'registered',
          filters: {},
        },
        years: [
          { fy: 2021, plan: 10, computed: 12 },
          { fy: 2022, plan: 10, actual: 9, computed: 14 },
        ],
      }),
    ],
    achievement: [],
  });
}

type ReportProgramDto = KpiReportDto['programs'][number];

/** A program of the report model as the server builds it (texts as printed). */
export function buildReportProgram(overrides: Partial<ReportProgramDto> = {}): ReportProgramDto {
  return {
    id: uuid(),
    code: 'welltech',
    name: '川崎型中小企業福祉産業創出事業',
    scheme: '地方創生推進交付金',
    title: '川崎型中小企業福祉産業創出事業（地方創生推進交付金対象事業）',
    description: ['福祉製品等開発支援拠点（ウェルテック）を開設する。'],
    period: '（事業期間：令和3年度～令和5年度）',
    fromFy: 2021,
    toFy: 2023,
    background: [],
    budgetYears: [
      {
        fy: 2022,
        label: '令和4年度',
        figure: 'actual',
        costLabel: '事業費',
        costThousandYen: 21618,
        grantThousandYen: 10809,
        heading: '令和4年度の主な取組：事業費21,618千円（交付金10,809千円）',
        intro: null,
        activities: [
          {
            title: '1 ウェルテックの運営',
            body: null,
            items: ['① 模擬環境ラボで検証', '② 常駐体制で運営'],
          },
        ],
      },
      {
        fy: 2023,
        label: '令和5年度',
        figure: 'budget',
        costLabel: '予算',
        costThousandYen: 22073,
        grantThousandYen: 11036,
        heading: '令和5年度の主な取組：予算22,073千円（交付金11,036千円）',
        intro: null,
        activities: [],
      },
    ],
    kpiTitle: '本事業における令和4年度重要業績評価指標（KPI）',
    kpiYears: [2021, 2022],
    kpiYearLabels: ['令和3年度', '令和4年度'],
    hasBaseline: false,
    kpis: [
      {
        name: '事業承継の支援事例における、企業経営者の年齢引き下げ総計',
        unit: '歳',
        label: '事業承継の支援事例における、企業経営者の年齢引き下げ総計（歳）',
        basis: 'fiscal',
        baseline: null,
        baselineText: '—',
        notes: null,
        cells: [
          {
            plan: 340,
            actual: 431,
            overridden: false,
            computed: false,
            achieved: true,
            planText: '340歳',
            actualText: '431歳',
          },
          {
            plan: 340,
            actual: 568,
            overridden: false,
            computed: true,
            achieved: true,
            planText: '340歳',
            actualText: '568歳*',
          },
        ],
      },
      {
        name: '相談件数',
        unit: '件',
        label: '相談件数（件）',
        basis: 'fiscal',
        baseline: null,
        baselineText: '—',
        notes: null,
        cells: [
          {
            plan: 10,
            actual: 8,
            overridden: false,
            computed: false,
            achieved: false,
            planText: '10件',
            actualText: '8件',
          },
          {
            plan: null,
            actual: 9,
            overridden: true,
            computed: false,
            achieved: null,
            planText: '—',
            actualText: '9件†',
          },
        ],
      },
    ],
    tableNotes: [
      '※* 印の実績は Banso の記録から自動集計した値です。',
      '※† 印の実績は自動集計値を手入力で上書きした値です。',
    ],
    achievement: { evaluated: 1, achieved: 1 },
    achievementNote: '達成状況: 1指標中1指標で目標を達成（太字の実績が達成）',
    summary: ['事業化に向けた支援の体制を整えた。'],
    ...overrides,
  };
}

/** The report model of a fiscal year for the given programs. */
export function buildReportModel(programs: ReportProgramDto[], fy = 2022): KpiReportDto {
  return {
    fy,
    fyLabel: fiscalYearLabel(fy),
    title: `${fiscalYearLabel(fy)} 事業・重要業績評価指標（KPI）の効果検証`,
    programs,
    generatedAt: '2024-04-01T00:00:00.000Z',
  };
}
