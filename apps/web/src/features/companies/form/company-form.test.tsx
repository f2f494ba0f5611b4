import { notifications } from '@mantine/notifications';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompanyDto } from '../../../api/companies';
import { i18n } from '../../../i18n';
import { json, mockApi, renderWithApp } from '../../../test/render';
import CompanyFormPage from '../company-form-page';

const ID = '0190a8a0-0000-7000-8000-0000000000c1';

const session = (role = 'staff') => ({
  user: {
    id: '0190a8a0-0000-7000-8000-000000000001',
    email: 'staff@example.jp',
    displayName: '職員',
    role,
    locale: 'ja',
  },
  tenant: {
    id: '0190a8a0-0000-7000-8000-000000000002',
    slug: 'kawasaki',
    name: '川崎市',
    nameEn: null,
  },
  csrfToken: 'csrf',
  expiresAt: '2030-01-01T00:00:00.000Z',
});

const company = (overrides: Partial<CompanyDto> = {}): CompanyDto => ({
  id: ID,
  corporateNumber: '1180301018771',
  name: '株式会社かわさき精工',
  nameKana: 'カワサキセイコウ',
  nameEn: null,
  kind: 'sme',
  jsicCode: '0911',
  jsicName: { ja: '部分肉・冷凍肉製造業', en: 'Frozen meat and subprimal products' },
  postalCode: '2110004',
  municipalityCode: '141330',
  prefecture: '神奈川県',
  municipalityName: '川崎市 中原区',
  address: '新丸子東1-1',
  employees: 80,
  capitalYen: 10_000_000,
  foundedYear: 1965,
  representativeName: '川崎 太郎',
  representativeBirthYear: 1955,
  successorStatus: 'unknown',
  website: null,
  businessDescription: '精密部品の切削加工',
  technologies: ['切削'],
  products: [],
  equipment: [],
  needs: [],
  tags: ['事業承継'],
  status: 'active',
  closedOn: null,
  closeReason: null,
  successorCorporateNumber: null,
  archivedAt: null,
  createdAt: '2025-04-01T00:00:00.000Z',
  updatedAt: '2025-04-01T00:00:00.000Z',
  version: 3,
  ...overrides,
});

const problem = (status: number, code: string, detail: string, errors: unknown[] = []) =>
  json({ type: 'about:blank', title: code, status, detail, code, errors }, status);

/** The input labelled `label` (the label may carry a required asterisk). */
const input = (label: string) =>
  screen.getByLabelText(new RegExp(`^${label}`), { selector: 'input, textarea' });

/** Puts `text` into a field the way a paste does: one event, not one per character. */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

/** Searches a searchable Select and clicks the option named `option`. */
async function pick(
  user: ReturnType<typeof userEvent.setup>,
  label: string,
  search: string,
  option: string,
) {
  const field = input(label);
  await user.click(field);
  await user.type(field, search);
  const listbox = document.getElementById(field.getAttribute('aria-controls') ?? '');
  if (!listbox) throw new Error(`no listbox for ${label}`);
  await user.click(await within(listbox).findByRole('option', { name: option }, { timeout: 5000 }));
}

const renderCreate = () =>
  renderWithApp(<CompanyFormPage />, { route: '/companies/new', path: '/companies/new' });
const renderEdit = () =>
  renderWithApp(<CompanyFormPage />, {
    route: '/companies/:id/edit',
    path: `/companies/${ID}/edit`,
  });

// Notifications live in a module-level store: one test's toast must not reach the next.
afterEach(() => notifications.clean());

// A whole form in happy-dom: a few seconds per test on an idle machine, far more on a busy one.
const SLOW = { timeout: 60_000 };

describe('CompanyFormPage — create', SLOW, () => {
  it('shows the contract’s Japanese check-digit error on blur and sends nothing', async () => {
    const api = mockApi({ 'GET /api/v1/auth/session': () => json(session()) });
    const user = userEvent.setup({ delay: null });
    renderCreate();

    await fill(user, await screen.findByLabelText('法人番号'), '1234567890123');
    await user.tab();
    expect(
      await screen.findByText('法人番号のチェックディジットが正しくありません。'),
    ).toBeVisible();
    expect(input('法人番号')).toHaveAttribute('aria-invalid', 'true');
    expect(input('法人番号')).toHaveAccessibleDescription(
      expect.stringContaining('法人番号のチェックディジットが正しくありません。'),
    );

    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('入力内容に誤りがあります。');
    expect(input('名称')).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(input('法人番号')).toHaveFocus());
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    // The message follows the UI language.
    await act(() => i18n.changeLanguage('en'));
    expect(await screen.findByText('The corporate number check digit is wrong.')).toBeVisible();
  });

  it('after the fix, sends the body the contract normalises, then opens the new company', async () => {
    let sent: Record<string, unknown> | undefined;
    mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      'POST /api/v1/companies': async (request) => {
        sent = (await request.json()) as Record<string, unknown>;
        return json(company({ name: '株式会社かわさき精工', version: 1 }), 201);
      },
    });
    const user = userEvent.setup({ delay: null });
    const { router } = renderCreate();

    const number = await screen.findByLabelText('法人番号');
    await fill(user, number, '1234567890123');
    await user.tab();
    expect(
      await screen.findByText('法人番号のチェックディジットが正しくありません。'),
    ).toBeVisible();
    await user.clear(number);
    await fill(user, number, '１１８０-３０１０-１８７７１');
    await user.tab();
    await waitFor(() =>
      expect(screen.queryByText('法人番号のチェックディジットが正しくありません。')).toBeNull(),
    );
    await fill(user, input('名称'), '  株式会社かわさき精工  ');
    await fill(user, input('郵便番号'), '２１１－０００４');
    await fill(user, input('従業員数'), '80');
    await user.type(input('技術'), '切削、研削,切削{enter}');

    await pick(user, '業種（日本標準産業分類）', '部分肉', '0911 部分肉・冷凍肉製造業');
    await pick(user, '市区町村', 'なかはら', '神奈川県 川崎市中原区');

    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/companies/${ID}`));
    expect(sent).toMatchObject({
      corporateNumber: '1180301018771',
      name: '株式会社かわさき精工',
      nameKana: null,
      kind: 'sme',
      jsicCode: '0911',
      postalCode: '2110004',
      municipalityCode: '141330',
      employees: 80,
      capitalYen: null,
      successorStatus: 'unknown',
      technologies: ['切削', '研削'],
      tags: [],
    });
    expect(await screen.findByText('「株式会社かわさき精工」を登録しました。')).toBeVisible();
  });

  it('shows the API’s 422 field errors next to their fields and the unknown ones at the top', async () => {
    mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      'POST /api/v1/companies': () =>
        problem(422, 'validation_failed', '入力内容に誤りがあります。', [
          { field: 'website', code: 'invalid_format', message: '形式が正しくありません。' },
          { field: 'tags.0', code: 'too_long', message: '200文字以内で入力してください。' },
          { field: 'assignee', code: 'unknown_field', message: '不明な項目です。' },
        ]),
    });
    const user = userEvent.setup({ delay: null });
    renderCreate();
    await fill(user, await screen.findByLabelText(/^名称/), '株式会社テスト');
    await user.type(input('タグ'), '新規{enter}');
    await user.click(screen.getByRole('button', { name: '保存' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('入力内容に誤りがあります。');
    expect(alert).toHaveTextContent('assignee: 不明な項目です。');
    expect(input('ウェブサイト')).toHaveAccessibleDescription(
      expect.stringContaining('形式が正しくありません。'),
    );
    expect(input('タグ')).toHaveAccessibleDescription(
      expect.stringContaining('200文字以内で入力してください。'),
    );
    await waitFor(() => expect(input('ウェブサイト')).toHaveFocus());
    // The server's message stays while the field holds what was sent…
    await user.tab();
    expect(screen.getByText('形式が正しくありません。')).toBeVisible();
  });

  it('shows a duplicate 法人番号 (409 already_exists) next to 法人番号 until it is changed', async () => {
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      'POST /api/v1/companies': () =>
        problem(409, 'already_exists', '既に登録されています。', [
          {
            field: 'corporateNumber',
            code: 'duplicate_corporate_number',
            message: 'この法人番号の企業は既に登録されています。',
          },
        ]),
    });
    const user = userEvent.setup({ delay: null });
    renderCreate();
    await fill(user, await screen.findByLabelText('法人番号'), '1180301018771');
    await fill(user, input('名称'), '株式会社テスト');
    await user.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('この法人番号の企業は既に登録されています。')).toBeVisible();
    await waitFor(() => expect(input('法人番号')).toHaveFocus());
    // Sending the same number again is stopped before the request.
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    // A different number clears it.
    await user.clear(input('法人番号'));
    await fill(user, input('法人番号'), '9180301018772');
    await user.tab();
    await waitFor(() =>
      expect(screen.queryByText('この法人番号の企業は既に登録されています。')).toBeNull(),
    );
  });

  it('asks before leaving with unsaved changes', async () => {
    mockApi({ 'GET /api/v1/auth/session': () => json(session()) });
    const user = userEvent.setup({ delay: null });
    const { router } = renderCreate();
    await fill(user, await screen.findByLabelText(/^名称/), '途中まで');
    await user.click(screen.getByRole('button', { name: 'キャンセル' }));
    const dialog = await screen.findByRole('dialog', { name: '保存していない変更があります' });
    await user.click(within(dialog).getByRole('button', { name: '編集を続ける' }));
    expect(router.state.location.pathname).toBe('/companies/new');
    expect(input('名称')).toHaveValue('途中まで');

    await user.click(screen.getByRole('button', { name: 'キャンセル' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'このページを離れる' }),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe('/companies'));
  });

  it('tells a viewer they may not register companies', async () => {
    mockApi({ 'GET /api/v1/auth/session': () => json(session('viewer')) });
    renderCreate();
    expect(await screen.findByRole('alert')).toHaveTextContent('この操作を行う権限がありません。');
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
  });
});

describe('CompanyFormPage — edit', SLOW, () => {
  it('sends only the changed fields with the version read, and handles 409 stale_version', async () => {
    let current = company();
    const patches: Record<string, unknown>[] = [];
    mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      [`GET /api/v1/companies/${ID}`]: () => json(current),
      [`PATCH /api/v1/companies/${ID}`]: async (request) => {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push(body);
        if (body.version !== current.version)
          return problem(
            409,
            'stale_version',
            '他の人が先に更新しました。最新の内容を読み込んでからやり直してください。',
          );
        current = { ...current, ...body, version: current.version + 1 } as CompanyDto;
        return json(current);
      },
    });
    const user = userEvent.setup({ delay: null });
    const { router } = renderEdit();

    expect(await screen.findByDisplayValue('株式会社かわさき精工')).toBeVisible();
    expect(input('市区町村')).toHaveValue('神奈川県 川崎市中原区');
    expect(input('業種（日本標準産業分類）')).toHaveValue('0911 部分肉・冷凍肉製造業');

    // Someone else saves version 4 meanwhile.
    current = { ...current, name: '株式会社かわさき精工（新）', version: 4 };
    await user.clear(input('従業員数'));
    await fill(user, input('従業員数'), '120');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(patches[0]).toEqual({ version: 3, employees: 120 });
    const stale = await screen.findByRole('alert');
    expect(stale).toHaveTextContent('他の人がこの企業の情報を先に更新しました');
    expect(router.state.location.pathname).toBe(`/companies/${ID}/edit`);

    await user.click(within(stale).getByRole('button', { name: '最新の内容を読み込む' }));
    expect(await screen.findByDisplayValue('株式会社かわさき精工（新）')).toBeVisible();
    expect(input('従業員数')).toHaveValue('80');
    await user.clear(input('従業員数'));
    await fill(user, input('従業員数'), '130');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/companies/${ID}`));
    expect(patches[1]).toEqual({ version: 4, employees: 130 });
  });

  it('shows a load error with a retry', async () => {
    mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      [`GET /api/v1/companies/${ID}`]: () => problem(404, 'not_found', '見つかりません。'),
    });
    renderEdit();
    expect(await screen.findByRole('alert')).toHaveTextContent('見つかりません。');
    expect(screen.getByRole('button', { name: '再試行' })).toBeVisible();
  });
});
