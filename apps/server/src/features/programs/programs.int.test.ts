import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';

let t: TestApp;
let a: TestSession;
let b: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.createOrganization('kawasaki');
  b = await t.createOrganization('utsunomiya');
});
afterAll(() => t.close());

const program = (overrides: Record<string, unknown> = {}) => ({
  name: '川崎型中小企業福祉産業創出事業',
  scheme: '地方創生推進交付金',
  fromFy: 2021,
  toFy: 2023,
  description: ['福祉製品等開発支援拠点を開設する。'],
  years: [
    { fy: 2022, figure: 'actual', costThousandYen: 21618, grantThousandYen: 10809 },
    { fy: 2023, figure: 'budget', costThousandYen: 68710, grantThousandYen: 33425 },
  ],
  ...overrides,
});

const createProgram = (session: TestSession, body: unknown) =>
  t.request('POST', '/api/v1/programs', { session, json: body });

const countPrograms = async (session: TestSession) =>
  (await (await t.request('GET', '/api/v1/programs', { session })).json()).items.length;

describe('programs and KPIs over HTTP', () => {
  it('creates a program with budgets (no forced grant ratio) and reads it back', async () => {
    const res = await createProgram(a, program({ code: 'welltech' }));
    expect(res.status).toBe(201);
    const p = await res.json();
    expect(p).toMatchObject({ code: 'welltech', fromFy: 2021, toFy: 2023, version: 1, kpis: [] });
    expect(p.years[1]).toMatchObject({ fy: 2023, costThousandYen: 68710, grantThousandYen: 33425 });
    expect(p).not.toHaveProperty('tenantId');
    const got = await t.request('GET', `/api/v1/programs/${p.id}`, { session: a });
    expect((await got.json()).name).toBe('川崎型中小企業福祉産業創出事業');
  });

  it('answers 422 with field errors and saves nothing: year outside the period, negative budget, grant above cost', async () => {
    const before = await countPrograms(a);
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { years: [{ fy: 2024, costThousandYen: 100, grantThousandYen: 50 }] },
        'years.0.fy',
        'fiscal_year_outside_period',
      ],
      [
        { years: [{ fy: 2022, costThousandYen: -1, grantThousandYen: 0 }] },
        'years.0.costThousandYen',
        'too_small',
      ],
      [
        { years: [{ fy: 2022, costThousandYen: 100, grantThousandYen: 101 }] },
        'years.0.grantThousandYen',
        'grant_above_cost',
      ],
      [{ fromFy: 2023, toFy: 2021, years: [] }, 'toFy', 'fiscal_year_order'],
    ];
    for (const [override, field, code] of cases) {
      const res = await createProgram(a, program(override));
      expect(res.status).toBe(422);
      const problem = await res.json();
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors).toContainEqual(expect.objectContaining({ field, code }));
    }
    const ja = await (
      await createProgram(
        a,
        program({ years: [{ fy: 2022, costThousandYen: 1, grantThousandYen: 2 }] }),
      )
    ).json();
    expect(ja.errors[0].message).toBe('交付金は事業費以下にしてください。');
    const en = await (
      await t.request('POST', '/api/v1/programs', {
        session: a,
        json: program({ years: [{ fy: 2022, costThousandYen: 1, grantThousandYen: 2 }] }),
        headers: { 'accept-language': 'en' },
      })
    ).json();
    expect(en.errors[0].message).toBe('The grant cannot exceed the cost.');
    expect(await countPrograms(a)).toBe(before);
  });

  it('refuses a KPI year outside the program period (422, nothing saved) and a PATCH that would leave one outside', async () => {
    const p = await (await createProgram(a, program())).json();
    const bad = await t.request('POST', `/api/v1/programs/${p.id}/kpis`, {
      session: a,
      json: { name: '相談件数', unit: '件', years: [{ fy: 2020, plan: 1 }] },
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0]).toMatchObject({
      field: 'years.0.fy',
      code: 'fiscal_year_outside_period',
      message: '事業期間外の年度です。',
    });
    expect(
      (await (await t.request('GET', `/api/v1/programs/${p.id}`, { session: a })).json()).kpis,
    ).toEqual([]);

    const kpi = await (
      await t.request('POST', `/api/v1/programs/${p.id}/kpis`, {
        session: a,
        json: { name: '相談件数', unit: '件', years: [{ fy: 2021, plan: 10, actual: 12 }] },
      })
    ).json();
    expect(kpi.years[0]).toMatchObject({
      plan: 10,
      actual: 12,
      actualSource: 'manual',
      achievementRate: 120,
      achieved: true,
    });
    const narrow = await t.request('PATCH', `/api/v1/programs/${p.id}`, {
      session: a,
      json: { fromFy: 2022, version: 1 },
    });
    expect(narrow.status).toBe(422);
    expect((await narrow.json()).errors[0]).toMatchObject({ field: 'fromFy' });
    const patchBadGrant = await t.request('PATCH', `/api/v1/programs/${p.id}`, {
      session: a,
      json: { years: [{ fy: 2022, costThousandYen: 5, grantThousandYen: 6 }], version: 1 },
    });
    expect(patchBadGrant.status).toBe(422);
    const after = await (await t.request('GET', `/api/v1/programs/${p.id}`, { session: a })).json();
    expect(after.version).toBe(1);
    expect(after.years[0].costThousandYen).toBe(21618);
  });

  it('refuses a PATCH of a KPI with a year outside the program period: 422 on the field, nothing saved', async () => {
    const p = await (await createProgram(a, program())).json();
    const kpi = await (
      await t.request('POST', `/api/v1/programs/${p.id}/kpis`, {
        session: a,
        json: { name: '支援件数', unit: '件', years: [{ fy: 2021, plan: 10, actual: 12 }] },
      })
    ).json();
    const res = await t.request('PATCH', `/api/v1/kpis/${kpi.id}`, {
      session: a,
      json: {
        name: '支援件数（改）',
        years: [
          { fy: 2021, plan: 11, actual: 13 },
          { fy: 2024, plan: 20, actual: null },
        ],
        version: kpi.version,
      },
    });
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([
      {
        field: 'years.1.fy',
        code: 'fiscal_year_outside_period',
        message: '事業期間外の年度です。',
      },
    ]);
    const got = await (await t.request('GET', `/api/v1/kpis/${kpi.id}`, { session: a })).json();
    expect(got).toMatchObject({ name: '支援件数', version: kpi.version });
    expect(got.years.map((y: { fy: number; plan: number }) => [y.fy, y.plan])).toEqual([
      [2021, 10],
    ]);
    const history = await (
      await t.request('GET', `/api/v1/kpis/${kpi.id}/history`, { session: a })
    ).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('updates with optimistic versions (409 when stale), audits programs and KPIs, deletes a KPI', async () => {
    const p = await (await createProgram(a, program())).json();
    const ok = await t.request('PATCH', `/api/v1/programs/${p.id}`, {
      session: a,
      json: { summary: ['事業承継の裾野を広げた。'], version: 1 },
    });
    expect(ok.status).toBe(200);
    expect((await ok.json()).version).toBe(2);
    const stale = await t.request('PATCH', `/api/v1/programs/${p.id}`, {
      session: a,
      json: { summary: ['古い版'], version: 1 },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).code).toBe('stale_version');

    const kpi = await (
      await t.request('POST', `/api/v1/programs/${p.id}/kpis`, {
        session: a,
        json: {
          name: '年齢引き下げ総計',
          unit: '歳',
          years: [{ fy: 2022, plan: 340, actual: 568 }],
        },
      })
    ).json();
    const patched = await t.request('PATCH', `/api/v1/kpis/${kpi.id}`, {
      session: a,
      json: { years: [{ fy: 2022, plan: 340, actual: 300 }], version: 1 },
    });
    expect(patched.status).toBe(200);
    expect((await patched.json()).years[0]).toMatchObject({
      achieved: false,
      achievementRate: 88.2,
    });

    const history = await (
      await t.request('GET', `/api/v1/programs/${p.id}/history`, { session: a })
    ).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(history.items[0].changes.summary.after).toEqual(['事業承継の裾野を広げた。']);
    const kpiHistoryBefore = await (
      await t.request('GET', `/api/v1/kpis/${kpi.id}/history`, { session: a })
    ).json();
    expect(kpiHistoryBefore.items.map((e: { action: string }) => e.action)).toEqual([
      'update',
      'create',
    ]);
    expect((await t.request('GET', `/api/v1/kpis/${kpi.id}/history`, { session: b })).status).toBe(
      404,
    );

    expect(
      (await t.request('DELETE', `/api/v1/kpis/${kpi.id}?version=1`, { session: a })).status,
    ).toBe(409);
    expect(
      (await t.request('DELETE', `/api/v1/kpis/${kpi.id}?version=2`, { session: a })).status,
    ).toBe(204);
    const kpiHistory = await (
      await t.request('GET', `/api/v1/audit?entity=kpi&entityId=${kpi.id}`, { session: a })
    ).json();
    expect(kpiHistory.items.map((e: { action: string }) => e.action)).toEqual([
      'delete',
      'update',
      'create',
    ]);
  });

  it('answers 409 code_taken for a second program with the same code in one organisation only', async () => {
    await createProgram(a, program({ code: 'dup-code' }));
    const dup = await createProgram(a, program({ code: 'dup-code' }));
    expect(dup.status).toBe(409);
    expect((await dup.json()).errors[0].code).toBe('code_taken');
    expect((await createProgram(b, program({ code: 'dup-code' }))).status).toBe(201);
  });

  it('keeps organisations apart: another tenant can neither read nor change programs or KPIs', async () => {
    const p = await (await createProgram(a, program())).json();
    const kpi = await (
      await t.request('POST', `/api/v1/programs/${p.id}/kpis`, {
        session: a,
        json: { name: '相談件数', unit: '件', years: [{ fy: 2022, plan: 1, actual: 1 }] },
      })
    ).json();
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/v1/programs/${p.id}`],
      ['PATCH', `/api/v1/programs/${p.id}`, { name: '乗っ取り', version: 1 }],
      ['POST', `/api/v1/programs/${p.id}/archive`, { version: 1 }],
      ['POST', `/api/v1/programs/${p.id}/kpis`, { name: 'x', unit: '件' }],
      ['GET', `/api/v1/programs/${p.id}/history`],
      ['GET', `/api/v1/kpis/${kpi.id}`],
      ['PATCH', `/api/v1/kpis/${kpi.id}`, { name: '乗っ取り', version: 1 }],
      ['DELETE', `/api/v1/kpis/${kpi.id}?version=1`],
      ['GET', `/api/v1/kpis/${kpi.id}/records?fy=2022`],
    ];
    for (const [method, path, json] of attempts) {
      const res = await t.request(method, path, { session: b, ...(json ? { json } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const list = await (await t.request('GET', '/api/v1/programs', { session: b })).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    const report = await t.request(
      'GET',
      `/api/v1/reports/kpi?fy=2022&programs=${p.id}&format=csv`,
      {
        session: b,
      },
    );
    expect(report.status).toBe(404);
    const still = await (await t.request('GET', `/api/v1/kpis/${kpi.id}`, { session: a })).json();
    expect(still).toMatchObject({ name: '相談件数', version: 1 });
  });

  it('lets viewers read but not write, and keeps partners out', async () => {
    const viewer = await t.addUser(a, 'viewer');
    const partner = await t.addUser(a, 'partner');
    expect((await t.request('GET', '/api/v1/programs', { session: viewer })).status).toBe(200);
    expect((await createProgram(viewer, program())).status).toBe(403);
    expect((await t.request('GET', '/api/v1/programs', { session: partner })).status).toBe(403);
  });

  it('summarises achievement across programs for a fiscal year', async () => {
    const c = await t.createOrganization('summary-org');
    const p1 = await (await createProgram(c, program())).json();
    const p2 = await (await createProgram(c, program({ name: '二つ目の事業' }))).json();
    const kpi = (id: string, plan: number, actual: number, direction = 'increase') =>
      t.request('POST', `/api/v1/programs/${id}/kpis`, {
        session: c,
        json: {
          name: `KPI ${plan}/${actual}`,
          unit: '件',
          direction,
          years: [{ fy: 2022, plan, actual }],
        },
      });
    await kpi(p1.id, 4, 6);
    await kpi(p1.id, 3, 2);
    await kpi(p2.id, 10, 8, 'decrease');
    const res = await t.request('GET', '/api/v1/programs/achievement?fy=2022', { session: c });
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s).toMatchObject({ fy: 2022, evaluated: 3, achieved: 2, share: 66.7 });
    expect(s.programs.map((p: { achieved: number }) => p.achieved)).toEqual([1, 1]);
  });

  it('downloads the report in each format and accepts 和暦 for the year', async () => {
    const c = await t.createOrganization('report-org');
    await createProgram(c, program({ code: 'one' }));
    for (const [format, type] of [
      ['pdf', 'application/pdf'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['csv', 'text/csv; charset=utf-8'],
    ] as const) {
      const res = await t.request('GET', `/api/v1/reports/kpi?fy=R4&format=${format}`, {
        session: c,
      });
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="kpi-report-2022.${format}"`,
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (format === 'pdf') expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
      if (format === 'xlsx') expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    }
    const bad = await t.request('GET', '/api/v1/reports/kpi?fy=R0&format=pdf', { session: c });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('fy');
    const unknown = await t.request('GET', '/api/v1/reports/kpi?fy=2022&programs=nope', {
      session: c,
    });
    expect(unknown.status).toBe(404);
  });
});
