import { CompanyCreate, type ListingCreate, type MatchStage } from '@banso/shared';
import type { Actor } from '../../context';
import type { Services } from '../../services';
import { DEMO_TAG } from './demo-companies';

/**
 * Fictional (架空) open patents of three fictional large companies, written in the vocabulary of
 * the demo industries so that the matching engine finds real candidates among the demo firms,
 * and a few matches along the licence pipeline. Not real patents, holders or numbers.
 */

const HOLDERS = [
  {
    key: 'materials',
    name: '架空素材工業株式会社',
    kana: 'カクウソザイコウギョウ',
    jsicCode: '1691',
  },
  { key: 'electric', name: '架空電機株式会社', kana: 'カクウデンキ', jsicCode: '2929' },
  { key: 'motors', name: '架空モーターズ株式会社', kana: 'カクウモーターズ', jsicCode: '3111' },
] as const;
type HolderKey = (typeof HOLDERS)[number]['key'];
/** The fictional large companies added to the registry as the patents' holders. */
export const DEMO_HOLDER_COUNT = HOLDERS.length;

const PATENTS: (Omit<
  ListingCreate,
  | 'kind'
  | 'technicalFields'
  | 'functions'
  | 'applicableProducts'
  | 'ipc'
  | 'assignmentOffered'
  | 'licensing'
  | 'status'
> & {
  holder: HolderKey;
  technicalFields: string[];
  applicableProducts: string[];
  ipc: string[];
})[] = [
  {
    holder: 'materials',
    title: '抗菌性金属表面の形成方法',
    abstract:
      '銀イオンを含む無電解ニッケルめっき皮膜を形成し、ドアノブや手すりなど多くの人が触れる金属表面に持続的な抗菌性を与える。',
    technicalFields: ['表面処理', 'めっき'],
    applicableProducts: ['ドアハンドル', '手すり', '医療器具'],
    effect: '従来の抗菌コーティングより摩耗に強く、効果が長く続く。',
    ipc: ['C23C 18/32', 'A01N 59/16'],
  },
  {
    holder: 'materials',
    title: '生分解性樹脂組成物及びその射出成形品',
    abstract:
      'ポリ乳酸に植物由来の可塑剤を配合し、射出成形で薄肉の容器や部品を成形できる耐熱性を得る。',
    technicalFields: ['高分子材料', '樹脂成形'],
    applicableProducts: ['食品容器', '使い捨て食器', '雑貨'],
    effect: '使用後は土中で分解し、廃棄物を減らす。',
    ipc: ['C08L 67/04', 'B29C 45/00'],
  },
  {
    holder: 'materials',
    title: '炭素繊維強化樹脂の短時間プレス成形方法',
    abstract:
      '熱可塑性の炭素繊維強化樹脂シートを金型内で加熱プレスし、数分で軽量・高剛性の部品を成形する。',
    technicalFields: ['複合材料', 'プレス成形'],
    applicableProducts: ['自動車部品', 'ドローンの機体', 'ロボットアーム'],
    effect: '金属部品に比べて半分以下の重さにできる。',
    ipc: ['B29C 70/46', 'B29C 43/18'],
  },
  {
    holder: 'electric',
    title: '深層学習を用いた外観検査装置',
    abstract:
      'カメラで撮影した製品画像を画像認識で解析し、傷や異物などの不良を自動で判定する。少ない不良画像でも学習できる。',
    technicalFields: ['画像処理', '検査'],
    applicableProducts: ['画像検査装置', '生産ライン'],
    effect: '目視検査の人手を減らし、見逃しを防ぐ。',
    ipc: ['G06T 7/00', 'G01N 21/88'],
  },
  {
    holder: 'electric',
    title: '非接触センサによる高齢者の見守りシステム',
    abstract:
      '電波センサで居室の高齢者の呼吸と動きを非接触で検出し、異常があれば介護職員の端末に通知する。',
    technicalFields: ['センサ', '福祉機器'],
    applicableProducts: ['見守りセンサ', '介護施設向けシステム'],
    effect: '夜間の巡回の負担を減らす。',
    ipc: ['G08B 21/04', 'A61B 5/113'],
  },
  {
    holder: 'electric',
    title: '省電力な無線センサネットワークの通信方法',
    abstract:
      '工場の設備に取り付けたIoTセンサの通信間隔を状態に応じて変え、電池で長期間動作させる。',
    technicalFields: ['IoT', '無線通信'],
    applicableProducts: ['設備監視システム', '予知保全'],
    effect: '配線工事なしで古い設備の稼働を見える化できる。',
    ipc: ['H04W 52/02', 'G08C 17/02'],
  },
  {
    holder: 'electric',
    title: '基板実装部品のはんだ接合部の検査方法',
    abstract: 'X線画像からはんだ接合部の形状を推定し、基板実装の不良を自動で判定する。',
    technicalFields: ['基板実装', '非破壊検査'],
    applicableProducts: ['実装基板', '検査装置'],
    ipc: ['G01N 23/04', 'H05K 13/08'],
  },
  {
    holder: 'motors',
    title: '歩行補助装置の関節駆動機構',
    abstract: '小型モータと減速機で膝の動きを補助し、高齢者やリハビリ中の人の歩行を助ける。',
    technicalFields: ['福祉機器', '機構設計'],
    applicableProducts: ['歩行補助', '介護ロボット'],
    effect: '軽量で装着しやすい。',
    ipc: ['A61H 3/00', 'B25J 9/00'],
  },
  {
    holder: 'motors',
    title: 'アルミダイカスト部品の鋳巣低減方法',
    abstract: '金型内を減圧しながら溶湯を充填し、ダイカスト部品の内部欠陥を減らす。',
    technicalFields: ['鋳造', '金型'],
    applicableProducts: ['自動車部品', 'モータケース'],
    ipc: ['B22D 17/14'],
  },
  {
    holder: 'motors',
    title: '精密板金部品のレーザー溶接方法',
    abstract: '薄板の精密板金部品をレーザー溶接で歪みなく接合し、曲げ加工後の仕上げを不要にする。',
    technicalFields: ['溶接', '精密板金'],
    applicableProducts: ['筐体', '制御盤'],
    ipc: ['B23K 26/21'],
  },
  {
    holder: 'motors',
    title: '5軸加工機の工具経路生成方法',
    abstract: '切削加工の工具経路を自動生成し、複雑な形状の金属部品を短時間で削り出す。',
    technicalFields: ['切削加工', 'CAM'],
    applicableProducts: ['航空機部品', '金型部品'],
    ipc: ['G05B 19/4097'],
  },
  {
    holder: 'materials',
    title: '食品の急速冷凍と解凍の品質保持方法',
    abstract:
      '急速冷凍時に氷結晶を小さく保ち、解凍後も食感と風味を保つ。真空調理した惣菜にも使える。',
    technicalFields: ['食品加工', '冷凍'],
    applicableProducts: ['冷凍食品', '惣菜'],
    ipc: ['A23L 3/36'],
  },
];

export interface DemoMatchingResult {
  listings: number;
  matches: number;
}

export interface DemoFirm {
  id: string;
  technologies: readonly string[];
  products: readonly string[];
}

/** The demo firm whose technologies and products share most words with a patent (first on ties). */
function likelyFirm(
  patent: (typeof PATENTS)[number],
  firms: readonly DemoFirm[],
  used: Set<string>,
) {
  const words = [...patent.technicalFields, ...patent.applicableProducts, patent.title];
  let best: DemoFirm | undefined;
  let bestScore = 0;
  for (const f of firms) {
    if (used.has(f.id)) continue;
    const own = [...f.technologies, ...f.products];
    const score = own.filter((o) => words.some((w) => w.includes(o) || o.includes(w))).length;
    if (score > bestScore) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}

/** Holders, open patents and matches at several stages (deterministic). */
export async function seedDemoMatching(
  services: Pick<Services, 'companies' | 'listings' | 'matches'>,
  actor: Actor,
  firms: readonly DemoFirm[],
): Promise<DemoMatchingResult> {
  const holderIds = new Map<HolderKey, string>();
  for (const h of HOLDERS) {
    const row = await services.companies.create(
      actor,
      CompanyCreate.parse({
        name: h.name,
        nameKana: h.kana,
        kind: 'large',
        jsicCode: h.jsicCode,
        tags: [DEMO_TAG, '開放特許'],
      }),
    );
    holderIds.set(h.key, row.id);
  }
  const created = await services.listings.createMany(
    actor,
    PATENTS.map(({ holder, ...p }, i) => ({
      ...p,
      kind: 'open_patent',
      functions: [],
      holderCompanyId: holderIds.get(holder) ?? null,
      externalId: `DEMO-${String(i + 1).padStart(3, '0')}`,
      source: '架空データ（デモ）',
      assignmentOffered: i % 3 === 0,
      licensing: 'non_exclusive',
      status: 'offered',
    })),
  );
  // Matches along the pipeline, each with the demo firm closest to its patent.
  const plans: [number, [MatchStage, string][]][] = [
    [
      0,
      [
        ['introduced', '2024-06-03'],
        ['meeting', '2024-07-10'],
        ['negotiating', '2024-09-02'],
        ['contracted', '2024-12-20'],
        ['prototyping', '2025-02-14'],
        ['commercialized', '2025-10-01'],
      ],
    ],
    [
      3,
      [
        ['introduced', '2025-05-12'],
        ['meeting', '2025-06-20'],
        ['negotiating', '2025-08-01'],
        ['contracted', '2025-11-28'],
      ],
    ],
    [
      4,
      [
        ['introduced', '2025-09-05'],
        ['meeting', '2025-10-17'],
      ],
    ],
    [7, [['introduced', '2025-10-20']]],
  ];
  let matches = 0;
  const used = new Set<string>();
  for (const [i, steps] of plans) {
    const listing = created[i];
    const patent = PATENTS[i];
    const companyId = patent ? likelyFirm(patent, firms, used)?.id : undefined;
    if (!listing || !companyId) continue;
    used.add(companyId);
    const match = await services.matches.create(actor, {
      listingId: listing.id,
      companyId,
      origin: i === 0 ? 'open_meeting' : 'individual',
      candidateOn: '2024-05-15',
    });
    let version = match.version;
    for (const [stage, on] of steps) {
      const moved = await services.matches.moveStage(actor, match.id, {
        version,
        stage,
        on,
      });
      version = moved.version;
    }
    matches++;
  }
  return { listings: created.length, matches };
}
