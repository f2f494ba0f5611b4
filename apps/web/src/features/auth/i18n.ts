export const auth = {
  ja: {
    title: 'ログイン',
    organization: '組織コード',
    organizationHint: '例: kawasaki（組織が一つだけのときは空欄で構いません）',
    email: 'メールアドレス',
    password: 'パスワード',
    submit: 'ログイン',
    setupNeeded:
      '初期設定がまだ済んでいません。サーバーの起動時に表示された URL（/setup?token=…）を開いて、最初の組織と管理者を作成してください。',
    loggedOut: 'ログアウトしました。',
  },
  en: {
    title: 'Log in',
    organization: 'Organisation code',
    organizationHint: 'e.g. kawasaki (may be left empty when there is one organisation)',
    email: 'Email',
    password: 'Password',
    submit: 'Log in',
    setupNeeded:
      'Banso is not set up yet. Open the URL printed when the server started (/setup?token=…) to create the first organisation and administrator.',
    loggedOut: 'You have logged out.',
  },
} as const;
