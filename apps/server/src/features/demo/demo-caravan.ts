import {
  DEFAULT_ISSUE_CATEGORIES,
  FollowUpId,
  localDateOf,
  type SupporterKind,
} from '@banso/shared';
import type { Actor } from '../../context';
import type { Services } from '../../services';
import { createRng } from './prng';

/**
 * The caravan part of `banso demo`: fictional supporters (架空), a year of completed visits with
 * teams, issues and follow-ups (older follow-ups mostly done), and a few visits planned for the
 * coming weeks. Deterministic for a seed and a day: dates count back from `today`.
 */

export const DEMO_SUPPORTERS: {
  key: string;
  name: string;
  nameKana: string;
  organization: string;
  kind: SupporterKind;
  expertise: string[];
  capacity: number;
  /** Linked to a demo login: 'staff' or 'partner'. */
  login?: 'staff' | 'partner';
}[] = [
  {
    key: 's1',
    name: '伴走 一郎（架空）',
    nameKana: 'バンソウ イチロウ',
    organization: 'デモ市 経済労働局',
    kind: 'staff',
    expertise: ['販路開拓', '創業'],
    capacity: 12,
    login: 'staff',
  },
  {
    key: 's2',
    name: '訪問 花子（架空）',
    nameKana: 'ホウモン ハナコ',
    organization: 'デモ市 経済労働局',
    kind: 'staff',
    expertise: ['人材', 'DX'],
    capacity: 10,
  },
  {
    key: 's3',
    name: '現場 健太（架空）',
    nameKana: 'ゲンバ ケンタ',
    organization: 'デモ市 経済労働局',
    kind: 'staff',
    expertise: ['BCP', '事業承継'],
    capacity: 10,
  },
  {
    key: 'c1',
    name: '橋渡 誠（架空）',
    nameKana: 'ハシワタシ マコト',
    organization: 'デモ産業振興財団',
    kind: 'coordinator',
    expertise: ['知財', '製品開発'],
    capacity: 12,
  },
  {
    key: 'c2',
    name: '繋木 美咲（架空）',
    nameKana: 'ツナギ ミサキ',
    organization: 'デモ産業振興財団',
    kind: 'coordinator',
    expertise: ['販路開拓', '福祉'],
    capacity: 10,
  },
  {
    key: 'e1',
    name: '技術 大輔（架空）',
    nameKana: 'ギジュツ ダイスケ',
    organization: 'デモ工業技術センター',
    kind: 'expert',
    expertise: ['技術・製造', '製品開発'],
    capacity: 6,
  },
  {
    key: 'e2',
    name: '知財 由紀（架空）',
    nameKana: 'チザイ ユキ',
    organization: 'デモ特許事務所',
    kind: 'expert',
    expertise: ['知財'],
    capacity: 4,
  },
  {
    key: 'e3',
    name: '承継 正人（架空）',
    nameKana: 'ショウケイ マサト',
    organization: 'デモ事業承継センター',
    kind: 'expert',
    expertise: ['事業承継', 'BCP'],
    capacity: 5,
  },
  {
    key: 'e4',
    name: '電子 彩（架空）',
    nameKana: 'デンシ アヤ',
    organization: 'デモDX推進協議会',
    kind: 'expert',
    expertise: ['DX', '人材'],
    capacity: 5,
  },
  {
    key: 'f1',
    name: '融資 拓也（架空）',
    nameKana: 'ユウシ タクヤ',
    organization: 'デモ信用金庫',
    kind: 'financial',
    expertise: ['資金調達', '事業承継'],
    capacity: 8,
    login: 'partner',
  },
  {
    key: 'f2',
    name: '金融 早苗（架空）',
    nameKana: 'キンユウ サナエ',
    organization: 'デモ銀行',
    kind: 'financial',
    expertise: ['資金調達'],
    capacity: 6,
  },
  {
    key: 'o1',
    name: '福祉 陽子（架空）',
    nameKana: 'フクシ ヨウコ',
    organization: 'デモ福祉製品研究会',
    kind: 'other',
    expertise: ['福祉'],
    capacity: 4,
  },
];

const OWNER_WORDS: Record<string, string[]> = {
  '技術・製造': ['加工精度をもう一段上げたい', '古い設備の更新時期に来ている'],
  製品開発: ['自社製品を持ちたい', '試作はできるが量産の目処がない'],
  販路開拓: ['下請け一社依存から抜け出したい', '医療分野に技術を売り込みたい'],
  知財: ['大企業の開放特許に興味がある', '自社技術を特許にすべきか迷っている'],
  人材: ['若手が定着しない', '技能の継承が進まない'],
  事業承継: ['後継者が決まっていない', '息子に継がせるか迷っている'],
  BCP: ['災害時に取引先へ供給を続けられるか不安', '事業継続力強化計画を作りたい'],
  資金調達: ['設備投資の資金を相談したい', '補助金の申請方法が分からない'],
  DX: ['受発注を紙からデジタルにしたい', '生産管理を見える化したい'],
  福祉: ['介護現場向けの製品を考えている', '福祉機器の評価方法を知りたい'],
  創業: ['第二創業として新事業を始めたい', '社内ベンチャーを立ち上げたい'],
};

const FOLLOW_UPS: Record<string, string> = {
  '技術・製造': '工業技術センターの設備利用を案内',
  製品開発: '試作支援の制度を紹介',
  販路開拓: '展示会・商談会への出展を調整',
  知財: '開放特許の候補リストを送付',
  人材: '副業・兼業人材のマッチングを紹介',
  事業承継: '事業承継・引継ぎ支援センターにつなぐ',
  BCP: '事業継続力強化計画の作成支援を案内',
  資金調達: '融資・補助金の制度説明を設定',
  DX: 'DX専門家の派遣を手配',
  福祉: '福祉製品の評価会を案内',
  創業: '創業支援プログラムを紹介',
};

const DAY = 86_400_000;

export interface DemoCaravanResult {
  supporters: number;
  visits: number;
  planned: number;
  followUps: number;
}

export async function seedDemoCaravan(
  services: Pick<Services, 'supporters' | 'visits' | 'followUps'>,
  actor: Actor,
  input: {
    companies: { id: string }[];
    /** Demo logins to link: staff and partner user ids. */
    logins: { staff?: string; partner?: string };
    /** Companies assigned to the partner: they get visits with the bank officer. */
    partnerCompanies: string[];
    today: Date;
    seed: number;
  },
): Promise<DemoCaravanResult> {
  const rng = createRng(input.seed * 7919 + 17);
  await services.supporters.categories(actor);
  const roster: { id: string; kind: SupporterKind; expertise: string[] }[] = [];
  for (const s of DEMO_SUPPORTERS) {
    const row = await services.supporters.create(actor, {
      name: s.name,
      nameKana: s.nameKana,
      organization: s.organization,
      kind: s.kind,
      expertise: s.expertise,
      monthlyCapacity: s.capacity,
      active: true,
      ...(s.login && input.logins[s.login] ? { userId: input.logins[s.login] } : {}),
    });
    roster.push({ id: row.id, kind: s.kind, expertise: s.expertise });
  }
  const leads = roster.filter((r) => r.kind === 'staff' || r.kind === 'coordinator');
  const bank = roster.find((r) => r.kind === 'financial');

  const visited = [
    ...input.partnerCompanies,
    ...input.companies.map((c) => c.id).filter((id) => !input.partnerCompanies.includes(id)),
  ].slice(
    0,
    Math.min(60, Math.max(input.partnerCompanies.length, Math.ceil(input.companies.length / 5))),
  );
  let visits = 0;
  let planned = 0;
  let followUps = 0;
  const todayMs = input.today.getTime();
  const at = (daysFromToday: number, hour: number) => {
    const day = localDateOf(new Date(todayMs + daysFromToday * DAY));
    return `${day}T${String(hour).padStart(2, '0')}:00:00+09:00`;
  };

  for (const [index, companyId] of visited.entries()) {
    const count = index < input.partnerCompanies.length ? 2 : rng.int(1, 2);
    for (let n = 0; n < count; n++) {
      const daysAgo = rng.int(3, 360);
      const categories = rng.sample([...DEFAULT_ISSUE_CATEGORIES], rng.int(1, 3));
      const lead = rng.pick(leads);
      const members = new Set([lead.id]);
      for (const cat of categories) {
        const expert = roster.filter((r) => r.expertise.includes(cat) && !members.has(r.id));
        if (expert.length) members.add(rng.pick(expert).id);
      }
      if (bank && (input.partnerCompanies.includes(companyId) || categories.includes('資金調達')))
        members.add(bank.id);
      while (members.size < 3) members.add(rng.pick(roster).id);
      const team = [...members].map((supporterId) => ({
        supporterId,
        role: supporterId === lead.id ? ('lead' as const) : ('member' as const),
      }));
      const issues = categories.map((category) => ({
        category,
        description: rng.pick(OWNER_WORDS[category] ?? ['課題の詳細は次回確認']),
        raisedBy: rng.chance(0.6) ? ('owner' as const) : ('supporter' as const),
        resolvedOn:
          daysAgo > 200 && rng.chance(0.5) ? localDateOf(new Date(todayMs - 30 * DAY)) : null,
      }));
      const visitFollowUps = categories.slice(0, rng.int(1, 2)).map((category) => ({
        title: FOLLOW_UPS[category] ?? '次回訪問の日程調整',
        assigneeId: rng.pick([...members]),
        dueOn: localDateOf(new Date(todayMs - (daysAgo - rng.int(14, 60)) * DAY)),
      }));
      const visit = await services.visits.create(actor, {
        companyId,
        startsAt: at(-daysAgo, rng.pick([10, 13, 15])),
        kind: rng.weighted([
          ['caravan', 6],
          ['follow_up', 3],
          ['online', 1],
        ] as const),
        purpose: `${categories.join('・')}に関する相談`,
        purposeCategories: categories.slice(0, 1),
        listeningNotes: `「${issues[0]?.description ?? ''}」と社長。これまでの経緯と今後の方針を伺った。`,
        ownerAwareness: rng.chance(0.7) ? `${categories[0]}に取り組む必要性を社長自身が認識` : null,
        nextContactOn: localDateOf(new Date(todayMs - (daysAgo - 90) * DAY)),
        team,
        issues,
        followUps: visitFollowUps,
        status: 'completed',
      });
      visits++;
      for (const f of visit.followUps) {
        followUps++;
        if (f.dueOn && f.dueOn < localDateOf(input.today) && rng.chance(0.75)) {
          await services.followUps.complete(actor, FollowUpId.parse(f.id), {
            version: f.version,
            note: '対応済み（デモ）',
            completedOn: f.dueOn,
          });
        }
      }
    }
  }

  // A few visits planned for the coming weeks (drafts), for the calendar feed and the planner.
  for (const companyId of visited.slice(0, Math.min(8, Math.ceil(visited.length / 2)))) {
    const lead = rng.pick(leads);
    const others = rng.sample(
      roster.filter((r) => r.id !== lead.id),
      3,
    );
    await services.visits.create(actor, {
      companyId,
      startsAt: at(rng.int(2, 30), rng.pick([10, 14])),
      kind: 'caravan',
      purpose: '前回の課題の進捗確認',
      purposeCategories: [],
      team: [
        { supporterId: lead.id, role: 'lead' },
        ...others.map((o) => ({ supporterId: o.id, role: 'member' as const })),
      ],
      issues: [],
      followUps: [],
      status: 'draft',
    });
    planned++;
  }
  return { supporters: roster.length, visits, planned, followUps };
}
