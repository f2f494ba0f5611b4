import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { CompanyTimeline } from './company-timeline';

describe('CompanyTimeline', () => {
  it('says what will appear while nothing is recorded', async () => {
    renderWithApp(<CompanyTimeline items={[]} />);
    const region = await screen.findByRole('region', { name: '支援の経過' });
    expect(region).toHaveTextContent('訪問や支援案件を記録すると、ここに新しい順で表示されます。');
    expect(within(region).queryByRole('listitem')).not.toBeInTheDocument();
  });

  it('lists items newest first with their kind and people', async () => {
    renderWithApp(
      <CompanyTimeline
        items={[
          {
            id: 'v1',
            at: '2025-04-10T01:00:00.000Z',
            kind: 'visit',
            title: '初回訪問',
            people: ['山田', '佐藤'],
          },
          {
            id: 'c1',
            at: '2025-06-01',
            kind: 'case',
            title: '事業承継支援を開始',
            body: '後継者候補と面談',
          },
          { id: 'x1', at: '2025-05-01T01:00:00.000Z', kind: 'mystery', title: '資料送付' },
        ]}
      />,
    );
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('事業承継支援を開始'),
      expect.stringContaining('資料送付'),
      expect.stringContaining('初回訪問'),
    ]);
    expect(items[0]).toHaveTextContent('2025年6月1日 · 支援案件');
    expect(items[0]).toHaveTextContent('後継者候補と面談');
    expect(items[1]).toHaveTextContent('その他');
    expect(items[2]).toHaveTextContent('2025年4月10日 10:00 · 訪問');
    expect(items[2]).toHaveTextContent('参加者: 山田、佐藤');
  });
});
