import { Password, USER_ROLE } from '@banso/shared';
import type { Command } from 'commander';
import { DEMO_DEFAULT_COMPANIES, DEMO_ORGANIZATION, seedDemo } from '../../features/demo/demo-seed';
import { withRuntime } from '../context';
import { say, warn } from '../messages';

function integerOption(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    warn({
      ja: `${name} は ${min}〜${max} の整数で指定してください。`,
      en: `${name} must be an integer from ${min} to ${max}.`,
    });
    process.exit(2);
  }
  return n;
}

export function registerDemoCommand(program: Command) {
  program
    .command('demo')
    .description(
      'Create the fictional demo organisation "demo" with users and companies / 架空のデモデータを作成します',
    )
    .option('--companies <n>', 'number of fictional companies', String(DEMO_DEFAULT_COMPANIES))
    .option('--seed <n>', 'random seed: the same seed gives the same companies', '1')
    .option(
      '--password <password>',
      'password of the three demo users (default: random, printed once)',
    )
    .action(async (opts: { companies: string; seed: string; password?: string }) => {
      const companies = integerOption(opts.companies, '--companies', 0, 100_000);
      const seed = integerOption(opts.seed, '--seed', 0, 2 ** 32 - 1);
      if (opts.password !== undefined && !Password.safeParse(opts.password).success) {
        warn({
          ja: 'パスワードは12文字以上にしてください。',
          en: 'The password needs 12 or more characters.',
        });
        process.exit(2);
      }
      await withRuntime(async (_runtime, services) => {
        let shown = 0;
        const result = await seedDemo(services, {
          companies,
          seed,
          ...(opts.password !== undefined ? { password: opts.password } : {}),
          onProgress: (done, total) => {
            if (process.stderr.isTTY && (done - shown >= 50 || done === total)) {
              shown = done;
              process.stderr.write(`\r${done}/${total}`);
              if (done === total) process.stderr.write('\n');
            }
          },
        });
        if (result.status === 'exists') {
          warn({
            ja:
              `組織コード「${DEMO_ORGANIZATION.slug}」の組織（${result.tenant.name}）は既にあるため、何もしませんでした。\n` +
              'パスワードを忘れた場合: banso user reset-password --org demo --email demo@banso.example',
            en:
              `The organisation "${DEMO_ORGANIZATION.slug}" (${result.tenant.name}) already exists; nothing was changed.\n` +
              'Forgot the password? banso user reset-password --org demo --email demo@banso.example',
          });
          process.exitCode = 1;
          return;
        }
        say({
          ja: `架空のデモ組織「${result.tenant.name}」(組織コード ${result.tenant.slug}) と架空の企業 ${result.companies} 社を作成しました。`,
          en: `Created the fictional demo organisation "${result.tenant.name}" (code ${result.tenant.slug}) with ${result.companies} fictional companies.`,
        });
        say({
          ja: `川崎市のKPIレポート（令和4年度）の ${result.programs} 事業・${result.kpis} 指標を読み込みました（banso report --fy R4 で出力）。`,
          en: `Loaded the ${result.programs} programs and ${result.kpis} KPIs of the Kawasaki KPI report (FY2022; print it with banso report --fy R4).`,
        });
        say({
          ja: `出張キャラバン隊: 支援者 ${result.caravan.supporters} 人、過去1年の訪問 ${result.caravan.visits} 件（フォローアップ ${result.caravan.followUps} 件）、今後の訪問予定 ${result.caravan.planned} 件を作成しました。`,
          en: `Caravan: ${result.caravan.supporters} supporters, ${result.caravan.visits} visits over the past year (${result.caravan.followUps} follow-ups) and ${result.caravan.planned} planned visits.`,
        });
        say({
          ja: `知財マッチング: 架空の開放特許 ${result.matching.listings} 件と、成約・製品化までのマッチング案件 ${result.matching.matches} 件を作成しました。`,
          en: `IP matching: ${result.matching.listings} fictional open patents and ${result.matching.matches} matches along the licence pipeline.`,
        });
        for (const u of result.users) {
          const assigned =
            u.assigned.length > 0 ? ` — ${u.assigned.length}社: ${u.assigned.join('、')}` : '';
          say({
            ja: `  ${u.email}  ${USER_ROLE.label(u.role, 'ja')}${assigned}`,
            en: `  ${u.email}  ${USER_ROLE.label(u.role, 'en')}${assigned}`,
          });
        }
        say({
          ja: `  パスワード（3ユーザー共通・この表示限り）: ${result.password}`,
          en: `  Password (all three users; shown only now): ${result.password}`,
        });
      });
    });
}
