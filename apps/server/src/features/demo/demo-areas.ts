/**
 * Where the fictional demo companies are: the seven wards of 川崎市 and the neighbouring
 * municipalities, with real 全国地方公共団体コード (checked against the shipped municipality list by
 * the tests), real town names, and the 3-digit postal prefix of each area. The last four digits of
 * a demo postal code and the block numbers of an address are random: the shape is right, the
 * address is not a real one.
 */
export interface DemoArea {
  /** 6-digit 全国地方公共団体コード. */
  code: string;
  /** As written in an address: 神奈川県川崎市中原区. */
  addressPrefix: string;
  /** 3-digit postal prefixes used in the area. */
  postalPrefixes: readonly string[];
  towns: readonly string[];
  weight: number;
}

const KAWASAKI = '神奈川県川崎市';

export const DEMO_AREAS: readonly DemoArea[] = [
  {
    code: '141313',
    addressPrefix: `${KAWASAKI}川崎区`,
    postalPrefixes: ['210'],
    towns: [
      '殿町',
      '大師河原',
      '浮島町',
      '扇町',
      '水江町',
      '千鳥町',
      '塩浜',
      '田島町',
      '渡田',
      '小田',
      '京町',
      '浅田',
      '池上町',
      '日進町',
      '藤崎',
      '中瀬',
    ],
    weight: 22,
  },
  {
    code: '141321',
    addressPrefix: `${KAWASAKI}幸区`,
    postalPrefixes: ['212'],
    towns: [
      '鹿島田',
      '小倉',
      '塚越',
      '古市場',
      '戸手',
      '南加瀬',
      '北加瀬',
      '新川崎',
      '下平間',
      '東古市場',
      '神明町',
    ],
    weight: 10,
  },
  {
    code: '141330',
    addressPrefix: `${KAWASAKI}中原区`,
    postalPrefixes: ['211'],
    towns: [
      '上小田中',
      '下小田中',
      '新丸子',
      '小杉町',
      '苅宿',
      '井田',
      '木月',
      '住吉',
      '宮内',
      '上平間',
      '下沼部',
      '今井上町',
      '等々力',
      '中丸子',
    ],
    weight: 14,
  },
  {
    code: '141348',
    addressPrefix: `${KAWASAKI}高津区`,
    postalPrefixes: ['213'],
    towns: [
      '溝口',
      '坂戸',
      '久地',
      '下野毛',
      '宇奈根',
      '北見方',
      '諏訪',
      '二子',
      '末長',
      '久本',
      '新作',
      '千年',
      '子母口',
      '明津',
    ],
    weight: 20,
  },
  {
    code: '141356',
    addressPrefix: `${KAWASAKI}多摩区`,
    postalPrefixes: ['214'],
    towns: ['登戸', '宿河原', '中野島', '菅', '生田', '長尾', '枡形', '東三田', '布田', '菅稲田堤'],
    weight: 8,
  },
  {
    code: '141364',
    addressPrefix: `${KAWASAKI}宮前区`,
    postalPrefixes: ['216'],
    towns: [
      '宮崎',
      '野川',
      '有馬',
      '鷺沼',
      '土橋',
      '馬絹',
      '犬蔵',
      '菅生',
      '平',
      '神木本町',
      '水沢',
    ],
    weight: 8,
  },
  {
    code: '141372',
    addressPrefix: `${KAWASAKI}麻生区`,
    postalPrefixes: ['215'],
    towns: [
      '栗木',
      '片平',
      '万福寺',
      '上麻生',
      '下麻生',
      '王禅寺',
      '黒川',
      '岡上',
      '細山',
      '金程',
      '高石',
      '五力田',
    ],
    weight: 6,
  },
  {
    code: '141011',
    addressPrefix: '神奈川県横浜市鶴見区',
    postalPrefixes: ['230'],
    towns: ['末広町', '弁天町', '矢向', '駒岡', '生麦'],
    weight: 2,
  },
  {
    code: '141097',
    addressPrefix: '神奈川県横浜市港北区',
    postalPrefixes: ['222', '223'],
    towns: ['新横浜', '日吉', '綱島東', '樽町', '新吉田町'],
    weight: 2,
  },
  {
    code: '141186',
    addressPrefix: '神奈川県横浜市都筑区',
    postalPrefixes: ['224'],
    towns: ['池辺町', '川和町', '佐江戸町', '東方町'],
    weight: 1,
  },
  {
    code: '131113',
    addressPrefix: '東京都大田区',
    postalPrefixes: ['143', '144', '146'],
    towns: ['下丸子', '矢口', '東糀谷', '大森南', '京浜島', '東六郷'],
    weight: 3,
  },
  {
    code: '131121',
    addressPrefix: '東京都世田谷区',
    postalPrefixes: ['157'],
    towns: ['砧', '宇奈根', '喜多見'],
    weight: 1,
  },
  {
    code: '132195',
    addressPrefix: '東京都狛江市',
    postalPrefixes: ['201'],
    towns: ['和泉本町', '猪方'],
    weight: 1,
  },
  {
    code: '132250',
    addressPrefix: '東京都稲城市',
    postalPrefixes: ['206'],
    towns: ['矢野口', '大丸', '坂浜'],
    weight: 1,
  },
  {
    code: '132098',
    addressPrefix: '東京都町田市',
    postalPrefixes: ['194'],
    towns: ['鶴間', '成瀬', '小山町'],
    weight: 1,
  },
];
