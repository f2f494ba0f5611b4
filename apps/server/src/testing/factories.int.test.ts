import { Match, Visit, VisitId } from '@banso/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from './factories';
import { createTestApp, type TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('database factories', () => {
  it('create every entity through its service, with defaults and overrides, in one organisation', async () => {
    const f = factories(t.services);
    const org = await f.createOrganization({ name: '工場テスト財団' });
    expect(org.tenant.name).toBe('工場テスト財団');
    const { actor } = org;
    const session = await t.login(org.tenant.slug, org.email);
    expect(session.userId).toBe(org.admin.id);

    const user = await f.createUser(actor, { role: 'coordinator' });
    expect(user).toMatchObject({ tenantId: actor.tenantId, role: 'coordinator' });
    const supporter = await f.createSupporter(actor, { kind: 'expert', userId: user.id });
    expect(supporter).toMatchObject({ kind: 'expert', userId: user.id });

    const company = await f.createCompany(actor, { name: '株式会社工場テスト' });
    const visit = await f.createVisit(actor, {
      companyId: company.id,
      team: [{ supporterId: supporter.id, role: 'lead' }],
    });
    expect(visit.status).toBe('completed');
    const seen = await t.api.get(`/api/v1/visits/${visit.id}`, { session, schema: Visit });
    expect(seen.company.id).toBe(company.id);
    const followUp = await f.createFollowUp(actor, {
      visitId: VisitId.parse(visit.id),
      title: '見積りを送る',
    });
    expect(followUp).toMatchObject({ visitId: visit.id, title: '見積りを送る' });
    // A parent is made when none is given.
    expect((await f.createFollowUp(actor)).visitId).not.toBe(visit.id);

    const listing = await f.createListing(actor, { title: '樹脂の接合方法' });
    expect(listing).toMatchObject({ kind: 'open_patent', title: '樹脂の接合方法' });
    const program = await f.createProgram(actor, { name: '知財マッチング事業' });
    const match = await f.createMatch(actor, {
      listingId: listing.id,
      companyId: company.id,
      programId: program.id,
    });
    expect(match).toMatchObject({
      listingId: listing.id,
      companyId: company.id,
      stage: 'candidate',
    });
    expect((await f.createMatch(actor)).listingId).not.toBe(listing.id);

    // All of it in the organisation, seen through the API as its admin.
    const got = await t.api.get(`/api/v1/matches/${match.id}`, { session, schema: Match });
    expect(got).toMatchObject({ companyId: company.id, programId: program.id });
  });
});
