import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, formatUtc } from './ical';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('iCalendar writer', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('目的: 販路, 資金; 相談\\メモ\n二行目')).toBe(
      '目的: 販路\\, 資金\\; 相談\\\\メモ\\n二行目',
    );
  });

  it('folds at 75 octets without splitting a Japanese character, and unfolds to the original', () => {
    const line = `DESCRIPTION:${'川崎市高津区坂戸の株式会社キャラバン精機を訪問します。'.repeat(6)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const p of physical) expect(octets(p)).toBeLessThanOrEqual(75);
    for (const p of physical.slice(1)) expect(p.startsWith(' ')).toBe(true);
    expect(physical.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
  });

  it('writes UTC times with Z', () => {
    expect(formatUtc(new Date('2026-04-20T10:00:00+09:00'))).toBe('20260420T010000Z');
  });

  it('produces a calendar that ical.js parses back, with times right in Asia/Tokyo', () => {
    const text = buildCalendar({
      name: '職員 一 の訪問予定',
      events: [
        {
          uid: 'visit-1@banso',
          start: new Date('2026-04-20T10:00:00+09:00'),
          end: new Date('2026-04-20T12:00:00+09:00'),
          stamp: new Date('2026-04-15T03:00:00Z'),
          sequence: 2,
          summary: '株式会社キャラバン精機 — 出張キャラバン訪問',
          location: '川崎市高津区坂戸3-2-1, 2階',
          description: `目的: 販路開拓; 資金\nチーム: ${'職員 一（リーダー）、'.repeat(8)}`,
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((l) => octets(l) <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(text));
    const [vevent] = cal.getAllSubcomponents('vevent');
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe('visit-1@banso');
    expect(event.summary).toBe('株式会社キャラバン精機 — 出張キャラバン訪問');
    expect(event.location).toBe('川崎市高津区坂戸3-2-1, 2階');
    expect(event.description.startsWith('目的: 販路開拓; 資金\nチーム: 職員 一（リーダー）')).toBe(
      true,
    );
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-04-20T01:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-04-20T03:00:00.000Z');
    expect(event.sequence).toBe(2);
    const tokyo = new Intl.DateTimeFormat('ja-JP', {
      timeZone: 'Asia/Tokyo',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(event.startDate.toJSDate());
    expect(tokyo).toBe('10:00');
  });
});
