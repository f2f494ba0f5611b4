import { describe, expect, it } from 'vitest';
import { kawasakiReferenceLines } from './reference-lines';

describe('kawasakiReferenceLines', () => {
  it("draws Kawasaki's 成約 and 製品化 as labelled lines that the axis grows to show", () => {
    const lines = kawasakiReferenceLines(
      { source: 'kawasaki', contracted: 39, commercialized: 27 },
      (figure, count) => `川崎市の実績 ${figure === 'contracted' ? '成約' : '製品化'}${count}件`,
    );
    expect(lines.map((l) => [l.y, l.label])).toEqual([
      [39, '川崎市の実績 成約39件'],
      [27, '川崎市の実績 製品化27件'],
    ]);
    for (const line of lines) {
      expect(line.ifOverflow).toBe('extendDomain');
      expect(line.strokeDasharray).toBeTruthy();
    }
  });
});
