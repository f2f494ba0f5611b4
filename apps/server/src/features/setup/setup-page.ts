import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export interface SetupFormState {
  token: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  done?: { slug: string; email: string };
}

const field = (
  state: SetupFormState,
  name: string,
  label: string,
  type = 'text',
  hint = '',
) => html`
  <div class="field">
    <label for="${name}">${label}</label>
    <input id="${name}" name="${name}" type="${type}" value="${type === 'password' ? '' : (state.values[name] ?? '')}"
      ${state.errors[name] ? html`aria-invalid="true" aria-describedby="${name}-error"` : ''} required />
    ${hint ? html`<small>${hint}</small>` : ''}
    ${state.errors[name] ? html`<p class="error" id="${name}-error">${state.errors[name]}</p>` : ''}
  </div>`;

/** The first-run page: plain HTML, no scripts, no outside requests. */
export function renderSetupPage(
  state: SetupFormState,
): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Banso 初期設定 / First-run setup</title>
<style>
  body { font-family: system-ui, "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
  h1 { font-size: 1.5rem; } fieldset { border: 1px solid #767676; margin: 1rem 0; padding: 1rem; }
  .field { margin: .75rem 0; } label { display: block; font-weight: 600; }
  input { font-size: 1rem; padding: .4rem; width: 100%; box-sizing: border-box; border: 1px solid #595959; }
  input:focus, button:focus { outline: 3px solid #0b57d0; outline-offset: 2px; }
  .error { color: #b00020; margin: .25rem 0; } small { color: #4a4a4a; }
  button { font-size: 1rem; padding: .6rem 1.2rem; background: #0b57d0; color: #fff; border: 0; }
  .banner { padding: .75rem; border: 1px solid #b00020; }
  .ok { padding: .75rem; border: 1px solid #0a7d32; }
</style>
</head>
<body>
<main>
<h1>Banso（伴走）初期設定 <span lang="en">/ First-run setup</span></h1>
${
  state.done
    ? html`<div class="ok" role="status"><p>初期設定が完了しました。組織コード <strong>${state.done.slug}</strong>、
        メールアドレス <strong>${state.done.email}</strong> でログインできます。</p>
        <p lang="en">Setup is complete. Log in with organisation code ${state.done.slug} and ${state.done.email}.</p>
        <p><a href="/">Banso を開く / Open Banso</a></p></div>`
    : html`
<p>最初の支援機関と管理者を登録します。<span lang="en">Create the first support organisation and its administrator.</span></p>
${state.message ? html`<p class="banner" role="alert">${state.message}</p>` : ''}
<form method="post" action="/setup" novalidate>
  <input type="hidden" name="token" value="${state.token}" />
  <fieldset>
    <legend>支援機関 / Organisation</legend>
    ${field(state, 'organizationName', '名称 / Name', 'text', '例: 川崎市 経済労働局・川崎市産業振興財団')}
    ${field(state, 'organizationSlug', '組織コード / Organisation code', 'text', '半角英小文字・数字・ハイフン（ログイン時に使います）')}
  </fieldset>
  <fieldset>
    <legend>管理者 / Administrator</legend>
    ${field(state, 'adminName', '氏名 / Name')}
    ${field(state, 'adminEmail', 'メールアドレス / Email', 'email')}
    ${field(state, 'adminPassword', 'パスワード / Password (12文字以上)', 'password')}
  </fieldset>
  <button type="submit">登録する / Create</button>
</form>`
}
</main>
</body>
</html>`;
}
