import type { Database } from '@banso/db';
import type { TestDatabase } from '@banso/db/testing';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../../config';
import type { AppDeps } from '../../../context';
import { createApp } from '../../../http/app';
import { createLogger } from '../../../logger';
import { buildCompany } from '../../../testing/factories';
import type { JsonBody } from '../../../testing/test-app';

/**
 * Data for backup tests, written the way users write it: organisations,
 * users, companies (Japanese text, awkward characters in lists, the largest
 * capital the API accepts, archived and edited ones), assignments and API
 * tokens, all through the HTTP API, so the audit log fills itself.
 */
export const FIXTURE_PASSWORD = 'correct-horse-battery-staple';

type App = ReturnType<typeof createApp>['app'];

/** What the app is built from, over a test database of either driver. */
export function depsOf(database: TestDatabase, dataDir = '/nonexistent-banso-test'): AppDeps {
  return {
    db: database.db,
    driver: database.driver,
    config: loadConfig({ BANSO_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    logger: createLogger('silent'),
    now: () => new Date(),
  };
}

export function httpOf(app: App) {
  return async (
    method: string,
    path: string,
    init: { cookie?: string; csrf?: string; token?: string; json?: unknown } = {},
  ): Promise<{ status: number; body: JsonBody; headers: Headers }> => {
    const headers: Record<string, string> = {};
    if (init.cookie) headers.cookie = init.cookie;
    if (init.csrf) headers['x-csrf-token'] = init.csrf;
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  };
}

export async function login(app: App, slug: string, email: string, password = FIXTURE_PASSWORD) {
  const res = await httpOf(app)('POST', '/api/v1/auth/login', {
    json: { organization: slug, email, password },
  });
  if (res.status !== 200)
    throw new Error(`login ${slug}/${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    csrf: res.body.csrfToken as string,
  };
}

export interface FixtureOrg {
  slug: string;
  email: string;
  /** An admin API token: reads the API without logging in (a login would change users.last_login_at). */
  token: string;
}

function must(res: { status: number; body: JsonBody }, status: number, what: string): JsonBody {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function fillThroughApi(
  deps: AppDeps,
  options: { extraCompanies?: number } = {},
): Promise<FixtureOrg[]> {
  const { app, services } = createApp(deps);
  const http = httpOf(app);
  const orgs: FixtureOrg[] = [];
  for (const [slug, name] of [
    ['kawasaki', '川崎市産業振興財団'],
    ['utsunomiya', '宇都宮ものづくり支援センター'],
  ] as const) {
    const email = `admin@${slug}.example.jp`;
    await services.users.createOrganization({
      slug,
      name,
      nameEn: `${slug} support`,
      admin: { email, displayName: `${name} 管理者`, password: FIXTURE_PASSWORD },
    });
    const s = await login(app, slug, email);
    const token = must(
      await http('POST', '/api/v1/auth/tokens', {
        ...s,
        json: { name: 'バックアップ検証', expiresInDays: 30 },
      }),
      201,
      'token',
    ).token as string;
    orgs.push({ slug, email, token });

    const partner = must(
      await http('POST', '/api/v1/users', {
        ...s,
        json: {
          email: `partner@${slug}.example.jp`,
          displayName: '伴走 花子',
          role: 'partner',
          password: FIXTURE_PASSWORD,
        },
      }),
      201,
      'partner',
    );
    const create = async (overrides: Parameters<typeof buildCompany>[0]) =>
      must(
        await http('POST', '/api/v1/companies', { ...s, json: buildCompany(overrides) }),
        201,
        'company',
      );

    const seiko = await create({
      name: '株式会社かわさき精工',
      nameKana: 'カワサキセイコウ',
      nameEn: "Kawasaki Seiko Co., Ltd. (O'Brien branch)",
      corporateNumber: '1180301018771',
      postalCode: '2110063',
      municipalityCode: '141305',
      address: '神奈川県川崎市中原区小杉町３丁目２６４−３',
      employees: 120,
      capitalYen: Number.MAX_SAFE_INTEGER,
      foundedYear: 1600,
      representativeName: '髙﨑 太郎',
      representativeBirthYear: 1950,
      successorStatus: 'candidate',
      website: 'https://example.jp/seiko',
      businessDescription:
        '精密加工と表面処理。\n改行と\tタブ、\'引用符\' と "二重引用符"、バックスラッシュ \\ を含む説明。',
      technologies: [
        '精密加工',
        "O'Reilly式「研磨」",
        'a,b',
        '{括弧}',
        '"引用"',
        'back\\slash',
        'NULL',
        '😀絵文字',
        '①②③ ㈱',
      ],
      products: ['金型'],
      equipment: ['５軸マシニングセンタ'],
      needs: ['販路開拓'],
      tags: ['製造業', '川崎'],
    });
    await create({ name: 'さくら金型製作所', nameKana: null, capitalYen: 0, employees: 0 });
    const archived = await create({ name: 'アーカイブ商事', nameKana: 'アーカイブショウジ' });
    must(
      await http('POST', `/api/v1/companies/${archived.id}/archive`, {
        ...s,
        json: { version: 1 },
      }),
      200,
      'archive',
    );
    const renamed = await create({ name: 'ＡＢＣ電子', nameKana: 'エービーシーデンシ' });
    must(
      await http('PATCH', `/api/v1/companies/${renamed.id}`, {
        ...s,
        json: { name: 'ＡＢＣエレクトロニクス', version: 1 },
      }),
      200,
      'rename',
    );
    must(
      await http('POST', `/api/v1/companies/${seiko.id}/assignments`, {
        ...s,
        json: { userId: partner.id },
      }),
      204,
      'assign',
    );
    for (let i = 0; i < (options.extraCompanies ?? 0); i++) {
      await create({ name: `テスト工業${slug}${i}`, nameKana: `テストコウギョウ${i}` });
    }
  }
  return orgs;
}

/** Everything the API shows an admin of each organisation about its companies, and its audit log. */
export async function apiView(deps: AppDeps, orgs: FixtureOrg[]): Promise<Record<string, unknown>> {
  const http = httpOf(createApp(deps).app);
  const view: Record<string, unknown> = {};
  for (const org of orgs) {
    const read = async (path: string) =>
      must(await http('GET', path, { token: org.token }), 200, path);
    const list = await read('/api/v1/companies?includeArchived=true&limit=500');
    const companies: unknown[] = [];
    for (const c of list.items as { id: string }[]) {
      companies.push({
        detail: await read(`/api/v1/companies/${c.id}`),
        assignments: await read(`/api/v1/companies/${c.id}/assignments`),
        history: await read(`/api/v1/companies/${c.id}/history`),
      });
    }
    view[org.slug] = { list, companies, audit: await read('/api/v1/audit?limit=200') };
  }
  return view;
}

/**
 * Rows with the values most likely to change on the way from one PostgreSQL
 * to another, written straight to the tables in their own organisation
 * (several are beyond what the API accepts).
 */
export const EDGE_TENANT_ID = '00000000-0000-4000-8000-00000000e0e0';

export async function insertEdgeRows(db: Database): Promise<void> {
  const t = EDGE_TENANT_ID;
  await db.execute(sql`
    insert into tenants (id, slug, name, settings, created_at, updated_at)
    values (${t}, 'edge-cases', '境界値テスト', ${'null'}::jsonb, '2000-01-01 00:00:00.000001+00', 'infinity')`);
  await db.execute(sql`
    insert into companies (tenant_id, id, name, capital_yen, employees, technologies, tags, closed_on, nta_updated_on,
                           status, archived_at, created_at, updated_at, search_tokens)
    values
      (${t}, '00000000-0000-4000-8000-000000000001', 'bigint 上限', 9223372036854775807, 2147483647,
       array['a', null, '', ' 空白 ', 'x"y', 'c,d', '{e}', 'back\\slash', '改\n行', 'O''Reilly'], '{}',
       '0001-01-01', '9999-12-31', 'closed', '2024-02-29 23:59:59.999999+09', '1970-01-01 00:00:00+00', '-infinity', '{}'),
      (${t}, '00000000-0000-4000-8000-000000000002', 'bigint 下限', -9223372036854775808, -2147483648,
       '{}', array['令和', '𠮷野家'], '2019-05-01', 'infinity', 'active', null, '1899-12-31 15:00:00+00', now(), '{}'),
      (${t}, '00000000-0000-4000-8000-000000000003', '2^53+1', 9007199254740993, null,
       '{}', '{}', '0044-03-15 BC', null, 'active', null, '2038-01-19 03:14:08+00', '2038-01-19 03:14:08.5+00', '{}')`);
  await db.execute(sql`
    insert into imports (tenant_id, id, entity, format, encoding, file_name, file_sha256, file_size, options, status, errors, started_at)
    values
      (${t}, '00000000-0000-4000-8000-0000000000a1', 'company', 'nta', 'shift_jis', '名簿\\2024''s.csv', repeat('a', 64),
       9223372036854775807, ${'{"big": 123456789012345678901234567890.5, "tiny": 1e-30, "s": "\\u00e9\\"x", "nested": {"n": null, "t": true, "a": [1, "二", null]}}'}::jsonb,
       'completed', ${'[]'}::jsonb, '2024-01-01 00:00:00+09'),
      (${t}, '00000000-0000-4000-8000-0000000000a2', 'company', 'banso', 'utf-8', 'x.csv', repeat('b', 64),
       0, ${'null'}::jsonb, 'failed', ${'"just a string"'}::jsonb, '2024-01-02 00:00:00+09')`);
  await db.execute(sql`
    insert into audit_log (tenant_id, id, at, actor_label, action, entity, entity_id, changes)
    values (${t}, 1000000, '2024-06-30 12:34:56.789012+09', 'システム', 'update', 'company',
            '00000000-0000-4000-8000-000000000001', ${'{"name": {"before": null, "after": "新"}}'}::jsonb),
           (${t}, 1000001, '2024-06-30 12:34:57+09', 'system', 'delete', 'company', 'x', ${'null'}::jsonb)`);
}
