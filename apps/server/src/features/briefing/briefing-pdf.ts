import {
  type Company,
  type FollowUp,
  MATCH_STAGE,
  type MatchStage,
  SUCCESSOR_STATUS,
  TEAM_ROLE,
  VISIT_KIND,
  type Visit,
} from '@banso/shared';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { PDF_FONT, pdfmakeWithFonts } from '../../pdf/pdfmake-fonts';

/**
 * 訪問前ブリーフィング: one A4 portrait page for the team before a visit — the company profile,
 * the last visits with their key points, open follow-ups, and the issues raised so far with the
 * owner's own words first, and the IP matching around the company (its open matches and the
 * engine's candidate patents). Lists are capped and long notes shortened so that it stays one page.
 */

/** A match of the company in the licence pipeline. */
export interface BriefingMatch {
  title: string;
  holder: string | null;
  stage: MatchStage;
  since: string | null;
}

/** A candidate listing for the company, with the engine's one-line reason. */
export interface BriefingCandidate {
  title: string;
  holder: string | null;
  summary: string;
}

export interface BriefingIssue {
  category: string;
  description: string | null;
  raisedBy: 'owner' | 'supporter';
  resolvedOn: string | null;
  localDate: string;
}

export interface Briefing {
  company: Company;
  today: string;
  nextVisit: Visit | null;
  recentVisits: Visit[];
  openFollowUps: FollowUp[];
  issues: BriefingIssue[];
  matches: BriefingMatch[];
  /** null: not available (the index is being built, or the reader may not see candidates). */
  candidates: BriefingCandidate[] | null;
}

export interface BriefingLimits {
  visits: number;
  followUps: number;
  issues: number;
  /** Open matches and candidate patents, each. */
  matching: number;
  /** Characters of the listening notes per visit. */
  note: number;
}

/** Tried in order until the sheet fits on one page. */
export const BRIEFING_LIMITS: readonly BriefingLimits[] = [
  { visits: 3, followUps: 8, issues: 8, matching: 3, note: 110 },
  { visits: 3, followUps: 6, issues: 6, matching: 3, note: 70 },
  { visits: 2, followUps: 5, issues: 5, matching: 2, note: 50 },
  { visits: 1, followUps: 4, issues: 4, matching: 2, note: 40 },
];

/** Compact rules between rows (pdfmake's lightHorizontalLines pads each row generously). */
const compact = {
  hLineWidth: (i: number) => (i === 0 ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => '#bbbbbb',
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
  paddingLeft: () => 2,
  paddingRight: () => 4,
};

export const shorten = (text: string | null | undefined, max: number): string => {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
};

const slash = (ymd: string) => ymd.replaceAll('-', '/');
const teamOf = (v: Visit) =>
  v.team.map((m) => (m.role === 'lead' ? `${m.name}（${TEAM_ROLE.ja.lead}）` : m.name)).join('、');

function profile(c: Company, today: string): Content {
  const year = Number(today.slice(0, 4));
  const age = c.representativeBirthYear ? `（${year - c.representativeBirthYear}歳）` : '';
  const rows: [string, string][] = [
    ['法人番号', c.corporateNumber ?? '—'],
    ['所在地', [c.postalCode ? `〒${c.postalCode}` : '', c.address ?? ''].join(' ').trim() || '—'],
    ['業種', c.jsicName?.ja ?? '—'],
    ['従業員', c.employees !== null ? `${c.employees}人` : '—'],
    [
      '資本金',
      c.capitalYen !== null
        ? `${Math.round(c.capitalYen / 1000).toLocaleString('ja-JP')}千円`
        : '—',
    ],
    ['設立', c.foundedYear ? `${c.foundedYear}年` : '—'],
    [
      '代表者',
      `${c.representativeName ?? '—'}${age}　後継者: ${SUCCESSOR_STATUS.labelOf(c.successorStatus, 'ja')}`,
    ],
    ['事業内容', shorten(c.businessDescription, 160) || '—'],
    ['技術・製品', shorten([...c.technologies, ...c.products].join('、'), 120) || '—'],
    ['ニーズ', shorten(c.needs.join('、'), 120) || '—'],
  ];
  const cells = rows.map(([k, v]) => [{ text: k, bold: true }, { text: v }]);
  const body = [];
  for (let i = 0; i < cells.length; i += 2)
    body.push([...(cells[i] ?? []), ...(cells[i + 1] ?? [{ text: '' }, { text: '' }])]);
  return { table: { widths: [44, '*', 44, '*'], body }, layout: compact };
}

function followUpRow(f: FollowUp) {
  const due = f.dueOn ? `${slash(f.dueOn)}${f.overdue ? '（超過）' : ''}` : '—';
  return [
    { text: shorten(f.title, 70) },
    { text: f.assignee?.name ?? '—' },
    { text: due, bold: f.overdue },
  ];
}

function matchingSection(b: Briefing, limits: BriefingLimits): Content[] {
  const by = (holder: string | null) => (holder ? `（${shorten(holder, 24)}）` : '');
  const matches: Content = b.matches.length
    ? {
        ul: b.matches.slice(0, limits.matching).map((m) => ({
          text: [
            { text: `［${MATCH_STAGE.ja[m.stage]}］`, bold: true },
            `${shorten(m.title, 60)}${by(m.holder)}${m.since ? `　${slash(m.since)}〜` : ''}`,
          ],
        })),
      }
    : none('進行中のマッチング案件はありません。');
  const candidates: Content =
    b.candidates === null
      ? none('候補特許は表示できません（索引の作成中、または閲覧権限がありません）。')
      : b.candidates.length
        ? {
            ul: b.candidates.slice(0, limits.matching).map((c) => ({
              text: [
                { text: `${shorten(c.title, 60)}${by(c.holder)}`, bold: true },
                `　${shorten(c.summary, 90)}`,
              ],
            })),
          }
        : none('候補となる開放特許は見つかりませんでした。');
  return [
    { text: '進行中の案件', bold: true, margin: [0, 0, 0, 1] },
    matches,
    { text: '候補特許（マッチングエンジンの提案）', bold: true, margin: [0, 3, 0, 1] },
    candidates,
  ];
}

const heading = (text: string): Content => ({ text, style: 'h2' });
const none = (text: string): Content => ({ text, color: '#444444', margin: [0, 0, 0, 4] });

export function briefingDocument(
  b: Briefing,
  limits: BriefingLimits = BRIEFING_LIMITS[0] as BriefingLimits,
): TDocumentDefinitions {
  const visits: Content[] = b.recentVisits.slice(0, limits.visits).map((v) => ({
    stack: [
      {
        text: `${slash(v.localDate)}　${VISIT_KIND.ja[v.kind]}　${teamOf(v)}`,
        bold: true,
      },
      v.purpose ? { text: `目的: ${shorten(v.purpose, 80)}` } : '',
      v.listeningNotes ? { text: `傾聴: ${shorten(v.listeningNotes, limits.note)}` } : '',
      v.ownerAwareness ? { text: `気づき: ${shorten(v.ownerAwareness, 100)}` } : '',
    ],
    margin: [0, 0, 0, 4],
  }));
  const followUps: Content = b.openFollowUps.length
    ? {
        table: {
          widths: ['*', 90, 90],
          headerRows: 1,
          body: [
            [
              { text: 'フォローアップ（未完了）', bold: true },
              { text: '担当', bold: true },
              { text: '期限', bold: true },
            ],
            ...b.openFollowUps.slice(0, limits.followUps).map(followUpRow),
          ],
        },
        layout: compact,
      }
    : none('未完了のフォローアップはありません。');
  // The owner's own words first (課題設定型: the owner's awareness leads), then open before resolved.
  const issues = [...b.issues]
    .sort((x, y) =>
      x.raisedBy !== y.raisedBy
        ? x.raisedBy === 'owner'
          ? -1
          : 1
        : (x.resolvedOn ? 1 : 0) - (y.resolvedOn ? 1 : 0),
    )
    .slice(0, limits.issues);
  const issueList: Content = issues.length
    ? {
        ul: issues.map((i) => ({
          text: [
            {
              text: `［${i.raisedBy === 'owner' ? '経営者' : '支援者'}］${i.category}`,
              bold: true,
            },
            `　${shorten(i.description, 90)}　(${slash(i.localDate)}${i.resolvedOn ? '・解決済み' : ''})`,
          ],
        })),
      }
    : none('これまでに記録された課題はありません。');
  const next = b.nextVisit
    ? `次回訪問: ${slash(b.nextVisit.localDate)} ${new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(new Date(b.nextVisit.startsAt))}　${teamOf(b.nextVisit)}`
    : '次回訪問: 未定';
  return {
    pageSize: 'A4',
    pageMargins: [32, 32, 32, 32],
    defaultStyle: { font: PDF_FONT, fontSize: 8, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 15, bold: true },
      h2: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 3], color: '#1a3d6d' },
    },
    info: { title: `訪問前ブリーフィング ${b.company.name}`, creator: 'Banso' },
    content: [
      { text: '訪問前ブリーフィング', fontSize: 9, color: '#444444' },
      { text: b.company.name, style: 'h1' },
      { text: `${next}　（作成日 ${slash(b.today)}）`, margin: [0, 2, 0, 4] },
      heading('企業プロフィール'),
      profile(b.company, b.today),
      heading('直近の訪問'),
      ...(visits.length ? visits : [none('訪問記録はまだありません。')]),
      heading('未完了のフォローアップ'),
      followUps,
      heading('これまでの課題（経営者の言葉を先に）'),
      issueList,
      heading('知財マッチング'),
      ...matchingSection(b, limits),
    ],
  };
}

const pageCount = (pdf: Buffer) =>
  Number(/\/Type \/Pages[^>]*\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1] ?? 1);

/** Renders with the fullest limits that still fit on one A4 page. */
export async function renderBriefingPdf(b: Briefing): Promise<Buffer> {
  const pdfmake = await pdfmakeWithFonts();
  let pdf = Buffer.alloc(0);
  for (const limits of BRIEFING_LIMITS) {
    pdf = Buffer.from(await pdfmake.createPdf(briefingDocument(b, limits)).getBuffer());
    if (pageCount(pdf) === 1) break;
  }
  return pdf;
}
