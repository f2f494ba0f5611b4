/**
 * One error model. Clients branch on `code`, never on message text.
 * The server maps every code to an HTTP status (a missing entry fails the typecheck).
 */
import { MATCH_STAGE } from './vocabulary/matching';

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_failed',
  'not_found',
  'stale_version',
  'already_exists',
  'setup_required',
  'setup_already_done',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'import_invalid',
  'job_finished',
  'service_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Locale = 'ja' | 'en';
export type Localized = { ja: string; en: string };

export const ERROR_MESSAGES: Record<ErrorCode, Localized> = {
  bad_request: { ja: 'リクエストの形式が正しくありません。', en: 'The request is malformed.' },
  validation_failed: {
    ja: '入力内容に誤りがあります。',
    en: 'Some fields are invalid.',
  },
  unauthenticated: {
    ja: 'ログインしてください。',
    en: 'Please log in.',
  },
  invalid_credentials: {
    ja: '組織コード、メールアドレスまたはパスワードが正しくありません。',
    en: 'The organisation code, email or password is incorrect.',
  },
  forbidden: { ja: 'この操作を行う権限がありません。', en: 'You are not allowed to do this.' },
  csrf_failed: {
    ja: 'セキュリティトークンが無効です。ページを再読み込みしてください。',
    en: 'The security token is missing or invalid. Reload the page.',
  },
  not_found: { ja: '見つかりません。', en: 'Not found.' },
  stale_version: {
    ja: '他の人が先に更新しました。最新の内容を読み込んでからやり直してください。',
    en: 'Someone else changed this record first. Reload it and try again.',
  },
  already_exists: { ja: '既に登録されています。', en: 'This already exists.' },
  setup_required: {
    ja: '初期設定がまだ完了していません。',
    en: 'Banso has not been set up yet.',
  },
  setup_already_done: {
    ja: '初期設定は既に完了しています。',
    en: 'Banso has already been set up.',
  },
  job_finished: {
    ja: 'このジョブは既に終了しているため、中止できません。',
    en: 'This job has already ended; it cannot be cancelled.',
  },
  payload_too_large: {
    ja: '送信されたデータが大きすぎます。',
    en: 'The request body is too large.',
  },
  unsupported_media_type: {
    ja: 'この形式のデータは受け付けられません。',
    en: 'This content type is not supported.',
  },
  rate_limited: {
    ja: '試行回数が多すぎます。しばらく待ってから再度お試しください。',
    en: 'Too many attempts. Wait a moment and try again.',
  },
  import_invalid: {
    ja: 'ファイルに誤りがあるため、何も取り込みませんでした。',
    en: 'The file has errors, so nothing was imported.',
  },
  service_unavailable: {
    ja: 'ただいま混み合っています。何も変更していません。しばらく待ってから再度お試しください。',
    en: 'The server is busy; nothing was changed. Try again in a moment.',
  },
  internal: {
    ja: 'サーバーで問題が発生しました。時間をおいて再度お試しください。',
    en: 'Something went wrong on the server. Please try again later.',
  },
};

/** Codes of field-level problems; each has a message in both languages. */
/** `service_unavailable` while the matching index of the organisation is still being built. */
export const MATCHING_INDEX_BUILDING: Localized = {
  ja: '準備中です（マッチングの索引を作成しています）。しばらく待ってから再度お試しください。',
  en: 'Not ready yet (the matching index is being built). Try again in a moment.',
};

export const FIELD_ERROR_CODES = [
  'required',
  'invalid_type',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unknown_field',
  'corporate_number_digits',
  'corporate_number_length',
  'corporate_number_check_digit',
  'jsic_unknown',
  'municipality_unknown',
  'postal_code_format',
  'birth_year_range',
  'duplicate_corporate_number',
  'password_too_weak',
  'email_taken',
  'slug_taken',
  'code_taken',
  'fiscal_year_order',
  'fiscal_year_outside_period',
  'fiscal_year_duplicate',
  'grant_above_cost',
  'metric_field_required',
  'metric_unreadable',
  'ipc_unknown',
  'date_order',
  'stage_order',
  'stage_needs_contract',
  'match_dropped',
  'unsupported_character',
  'nesting_too_deep',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

type Params = { min?: number | bigint; max?: number | bigint; values?: string };

export function fieldErrorMessage(code: FieldErrorCode, params: Params = {}): Localized {
  const min = String(params.min ?? '');
  const max = String(params.max ?? '');
  switch (code) {
    case 'required':
      return { ja: '必須項目です。', en: 'This field is required.' };
    case 'invalid_type':
      return { ja: '値の型が正しくありません。', en: 'The value has the wrong type.' };
    case 'too_short':
      return { ja: `${min}文字以上で入力してください。`, en: `Enter at least ${min} characters.` };
    case 'too_long':
      return { ja: `${max}文字以内で入力してください。`, en: `Enter at most ${max} characters.` };
    case 'too_small':
      return { ja: `${min}以上の値を入力してください。`, en: `Enter a value of at least ${min}.` };
    case 'too_big':
      return { ja: `${max}以下の値を入力してください。`, en: `Enter a value of at most ${max}.` };
    case 'invalid_format':
      return { ja: '形式が正しくありません。', en: 'The format is invalid.' };
    case 'invalid_value':
      return params.values
        ? {
            ja: `次のいずれかを指定してください: ${params.values}`,
            en: `Use one of: ${params.values}`,
          }
        : { ja: '値が正しくありません。', en: 'The value is invalid.' };
    case 'unknown_field':
      return { ja: '不明な項目です。', en: 'Unknown field.' };
    case 'corporate_number_digits':
      return {
        ja: '法人番号は数字で入力してください。',
        en: 'The corporate number must be digits.',
      };
    case 'corporate_number_length':
      return {
        ja: '法人番号は13桁で入力してください。',
        en: 'The corporate number must have 13 digits.',
      };
    case 'corporate_number_check_digit':
      return {
        ja: '法人番号のチェックディジットが正しくありません。',
        en: 'The corporate number check digit is wrong.',
      };
    case 'jsic_unknown':
      return {
        ja: '日本標準産業分類に存在しないコードです。',
        en: 'This is not a code of the Japan Standard Industrial Classification.',
      };
    case 'municipality_unknown':
      return {
        ja: '全国地方公共団体コードとして正しくありません。',
        en: 'This is not a valid local government code.',
      };
    case 'postal_code_format':
      return {
        ja: '郵便番号は7桁の数字で入力してください（例: 210-0007）。',
        en: 'The postal code must have 7 digits (e.g. 210-0007).',
      };
    case 'birth_year_range':
      return {
        ja: '生年は1900年から今年までの範囲で入力してください。',
        en: 'The birth year must be between 1900 and this year.',
      };
    case 'duplicate_corporate_number':
      return {
        ja: 'この法人番号の企業は既に登録されています。',
        en: 'A company with this corporate number already exists.',
      };
    case 'password_too_weak':
      return {
        ja: 'パスワードは12文字以上で入力してください。',
        en: 'The password must have at least 12 characters.',
      };
    case 'email_taken':
      return {
        ja: 'このメールアドレスは既に使われています。',
        en: 'This email address is already in use.',
      };
    case 'slug_taken':
      return { ja: 'この組織コードは既に使われています。', en: 'This organisation code is taken.' };
    case 'code_taken':
      return { ja: 'このコードは既に使われています。', en: 'This code is already in use.' };
    case 'fiscal_year_order':
      return {
        ja: '事業期間の終了年度は開始年度以降にしてください。',
        en: 'The last fiscal year must not be before the first.',
      };
    case 'fiscal_year_outside_period':
      return {
        ja: '事業期間外の年度です。',
        en: 'This fiscal year is outside the program period.',
      };
    case 'fiscal_year_duplicate':
      return { ja: '同じ年度が重複しています。', en: 'This fiscal year appears twice.' };
    case 'grant_above_cost':
      return {
        ja: '交付金は事業費以下にしてください。',
        en: 'The grant cannot exceed the cost.',
      };
    case 'ipc_unknown':
      return {
        ja: '国際特許分類（IPC）のコードとして正しくありません（例: B29C 70/06）。',
        en: 'This is not an IPC code (e.g. B29C 70/06).',
      };
    case 'date_order':
      return {
        ja: 'この日付は前の日付より後にしてください。',
        en: 'This date must not be before the earlier one.',
      };
    case 'stage_order':
      return {
        ja: 'ステージは順番に進めてください（戻すことはできません）。',
        en: 'Stages move forward only.',
      };
    case 'stage_needs_contract':
      return {
        ja: `${MATCH_STAGE.ja.prototyping}や${MATCH_STAGE.ja.commercialized}の前に、${MATCH_STAGE.ja.contracted}を記録してください。`,
        en: 'Record the licence (contracted) before prototyping or commercialisation.',
      };
    case 'unsupported_character':
      return {
        ja: '使用できない文字（NUL 文字または不完全なサロゲート）が含まれています。',
        en: 'Contains a character Banso cannot store (NUL or an unpaired surrogate).',
      };
    case 'nesting_too_deep':
      return {
        ja: '入れ子が深すぎます。',
        en: 'The value is nested too deeply.',
      };
    case 'match_dropped':
      return {
        ja: '不成立となった案件は変更できません。',
        en: 'A dropped match cannot be changed.',
      };
    case 'metric_field_required':
      return {
        ja: '合計（sum）には集計する項目を指定してください。',
        en: 'A sum needs the field to add up.',
      };
    case 'metric_unreadable':
      return {
        ja: '保存されている集計方法を読み取れないため、実績を自動集計できません。集計方法を設定し直してください。',
        en: 'The stored metric definition cannot be read, so no actual is computed. Set the metric again.',
      };
  }
}

export function isFieldErrorCode(value: unknown): value is FieldErrorCode {
  return typeof value === 'string' && (FIELD_ERROR_CODES as readonly string[]).includes(value);
}
