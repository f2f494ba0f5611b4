import { Password, SetupRequest, UserCreate } from '@banso/shared';
import type { Command } from 'commander';
import type { z } from 'zod';
import { notFound } from '../../app-error';
import { systemActor } from '../../context';
import { fieldErrorsFromZod } from '../../http/zod-issues';
import { resolveTenant, withRuntime } from '../context';
import { say, t, warn } from '../messages';
import { requireOptions } from '../prompt';

const orgOptions = [
  {
    key: 'orgName',
    flag: '--org-name <name>',
    label: { ja: '支援機関の名称', en: 'Organisation name' },
  },
  {
    key: 'org',
    flag: '--org <code>',
    label: {
      ja: '組織コード（半角英小文字・数字・ハイフン）',
      en: 'Organisation code (a-z, 0-9, -)',
    },
  },
  {
    key: 'adminName',
    flag: '--admin-name <name>',
    label: { ja: '管理者の氏名', en: 'Admin name' },
  },
  {
    key: 'adminEmail',
    flag: '--admin-email <email>',
    label: { ja: '管理者のメールアドレス', en: 'Admin email' },
  },
  {
    key: 'adminPassword',
    flag: '--admin-password <password>',
    label: { ja: '管理者のパスワード（12文字以上）', en: 'Admin password (12+ characters)' },
    secret: true,
  },
] as const;

/** Parses CLI input with the API's own contract; prints every field problem and exits 2. */
function valid<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  for (const f of fieldErrorsFromZod(parsed.error))
    process.stderr.write(`  ${f.field}: ${t(f.message)}\n`);
  process.exit(2);
}

async function createOrganization(opts: Record<string, string | undefined>, onlyIfEmpty: boolean) {
  const values = await requireOptions(opts, [...orgOptions]);
  const parsed = valid(SetupRequest, {
    token: 'cli',
    organization: { slug: values.org, name: values.orgName },
    admin: {
      email: values.adminEmail,
      displayName: values.adminName,
      password: values.adminPassword,
    },
  });
  await withRuntime(async (_runtime, services) => {
    if (onlyIfEmpty && !(await services.setup.needsSetup())) {
      warn({
        ja: '初期設定は既に完了しています。組織を追加するには `banso tenant add` を使ってください。',
        en: 'Already set up. Use `banso tenant add` for another organisation.',
      });
      process.exit(2);
    }
    const { organization, admin } = parsed;
    const { tenant } = await services.users.createOrganization({ ...organization, admin }, 'cli');
    say({
      ja: `組織「${tenant.name}」(${tenant.slug}) と管理者 ${admin.email} を登録しました。`,
      en: `Created organisation "${tenant.name}" (${tenant.slug}) with admin ${admin.email}.`,
    });
  });
}

export function registerSetupCommands(program: Command) {
  const withOrgOptions = (cmd: Command) => {
    for (const o of orgOptions) cmd.option(o.flag, o.label.en);
    return cmd;
  };
  withOrgOptions(
    program
      .command('init')
      .description(
        'First-run setup from the terminal: the first organisation and admin / 初期設定',
      ),
  ).action((opts) => createOrganization(opts, true));

  const tenant = program
    .command('tenant')
    .description('Support organisations (tenants) / 支援機関');
  withOrgOptions(
    tenant.command('add').description('Add another organisation with its admin'),
  ).action((opts) => createOrganization(opts, false));
  tenant
    .command('list')
    .description('List organisations')
    .action(() =>
      withRuntime(async (_r, services) => {
        for (const x of await services.users.listOrganizations())
          process.stdout.write(`${x.slug}\t${x.name}\t${x.id}\n`);
      }),
    );

  program
    .command('migrate')
    .description('Apply database migrations (also done at every start) / マイグレーション')
    .action(() =>
      withRuntime(async () =>
        say({ ja: 'データベースは最新です。', en: 'The database is up to date.' }),
      ),
    );

  const user = program.command('user').description('Users / ユーザー');
  user
    .command('add')
    .description('Add a user')
    .option('--org <code>', 'organisation code (optional when there is one)')
    .requiredOption('--email <email>', 'email')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', 'admin | staff | coordinator | partner | viewer')
    .option('--password <password>', 'password (12+ characters); asked when omitted on a terminal')
    .action(async (opts) => {
      const values = await requireOptions(opts, [
        {
          key: 'password',
          flag: '--password <password>',
          label: { ja: 'パスワード', en: 'Password' },
          secret: true,
        },
      ]);
      await withRuntime(async (_r, services) => {
        const tenant = await resolveTenant(services, opts.org);
        const input = valid(UserCreate, {
          email: opts.email,
          displayName: opts.name,
          role: opts.role,
          password: values.password,
        });
        const row = await services.users.create(systemActor(tenant.id, 'cli'), input);
        say({
          ja: `ユーザー ${row.email} (${row.role}) を追加しました。`,
          en: `Added user ${row.email} (${row.role}).`,
        });
      });
    });
  user
    .command('list')
    .description('List users')
    .option('--org <code>', 'organisation code')
    .action((opts) =>
      withRuntime(async (_r, services) => {
        const tenant = await resolveTenant(services, opts.org);
        const actor = systemActor(tenant.id, 'cli');
        const [rows, blocks] = await Promise.all([
          services.users.list(actor),
          services.users.signInBlocks(actor),
        ]);
        for (const u of rows) {
          const blocked = blocks.get(u.email.toLowerCase());
          process.stdout.write(
            `${u.email}\t${u.role}\t${u.displayName}${u.disabledAt ? '\t(disabled)' : ''}${
              blocked ? `\t(sign-in blocked until ${blocked.toISOString()})` : ''
            }\n`,
          );
        }
      }),
    );
  user
    .command('unlock')
    .description('Let a user sign in again after too many failed attempts')
    .option('--org <code>', 'organisation code')
    .requiredOption('--email <email>', 'email')
    .action((opts) =>
      withRuntime(async (_r, services) => {
        const tenant = await resolveTenant(services, opts.org);
        const actor = systemActor(tenant.id, 'cli');
        const email = String(opts.email).trim().toLowerCase();
        const user = (await services.users.list(actor)).find(
          (u) => u.email.toLowerCase() === email,
        );
        if (!user) throw notFound('user');
        await services.users.unlockSignIn(actor, user.id);
        say({
          ja: `${user.email} のサインイン制限を解除しました。`,
          en: `${user.email} may sign in again.`,
        });
      }),
    );
  user
    .command('reset-password')
    .description('Set a new password for a user')
    .option('--org <code>', 'organisation code')
    .requiredOption('--email <email>', 'email')
    .option('--password <password>', 'new password (12+ characters)')
    .action(async (opts) => {
      const values = await requireOptions(opts, [
        {
          key: 'password',
          flag: '--password <password>',
          label: { ja: '新しいパスワード', en: 'New password' },
          secret: true,
        },
      ]);
      await withRuntime(async (_r, services) => {
        const tenant = await resolveTenant(services, opts.org);
        const password = valid(Password, values.password);
        await services.users.resetPassword(
          systemActor(tenant.id, 'cli'),
          opts.email.toLowerCase(),
          password,
        );
        say({
          ja: `${opts.email} のパスワードを変更しました。`,
          en: `Changed the password of ${opts.email}.`,
        });
      });
    });
}
