import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { theme } from '../../../app/theme';
import { type CellChange, type GridRow, SpreadsheetGrid } from './spreadsheet-grid';

const columns = [
  { id: 'plan-2021', label: '計画', group: '令和3年度' },
  { id: 'actual-2021', label: '実績', group: '令和3年度' },
  { id: 'plan-2022', label: '計画', group: '令和4年度' },
  { id: 'actual-2022', label: '実績', group: '令和4年度' },
];

type Values = Record<string, Record<string, string>>;

function Harness({
  initial,
  readOnly = [],
  errors = {},
  onChanges,
}: {
  initial: Values;
  readOnly?: string[];
  errors?: Record<string, string>;
  onChanges?: (c: CellChange[]) => void;
}) {
  const [values, setValues] = useState(initial);
  const rows: GridRow[] = Object.entries(values).map(([id, cells]) => ({
    id,
    label: id,
    cells: Object.fromEntries(
      columns.map((c) => [
        c.id,
        {
          value: cells[c.id] ?? '',
          readOnly: readOnly.includes(`${id}/${c.id}`),
          error: errors[`${id}/${c.id}`] ?? null,
        },
      ]),
    ),
  }));
  return (
    <MantineProvider theme={theme} env="test">
      <button type="button">before</button>
      <SpreadsheetGrid
        label="KPI"
        rowHeader="指標"
        columns={columns}
        rows={rows}
        format={(v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v).toLocaleString('ja-JP') : v)}
        onChange={(changes) => {
          onChanges?.(changes);
          setValues((old) => {
            const next = structuredClone(old);
            for (const ch of changes)
              (next[ch.rowId] as Record<string, string>)[ch.columnId] = ch.value;
            return next;
          });
        }}
      />
      <button type="button">after</button>
    </MantineProvider>
  );
}

const initial = (): Values => ({
  企業数: { 'plan-2021': '5', 'actual-2021': '8', 'plan-2022': '7', 'actual-2022': '7' },
  年齢引き下げ: {
    'plan-2021': '340',
    'actual-2021': '431',
    'plan-2022': '340',
    'actual-2022': '568',
  },
  認定件数: { 'plan-2021': '30', 'actual-2021': '85', 'plan-2022': '40', 'actual-2022': '64' },
});

/** The gridcell of a row (by its header) and a column index. */
function cell(row: string, col: number) {
  const header = screen.getByRole('rowheader', { name: row });
  const tr = header.closest('tr') as HTMLTableRowElement;
  return within(tr).getAllByRole('gridcell')[col] as HTMLElement;
}

describe('SpreadsheetGrid', () => {
  it('has a named grid with grouped column headers and row headers', () => {
    render(<Harness initial={initial()} />);
    const grid = screen.getByRole('grid', { name: 'KPI' });
    expect(within(grid).getByRole('columnheader', { name: '令和3年度' })).toBeInTheDocument();
    expect(within(grid).getAllByRole('columnheader', { name: /計画/ })).toHaveLength(2);
    expect(within(grid).getAllByRole('rowheader')).toHaveLength(3);
    expect(cell('年齢引き下げ', 3)).toHaveTextContent('568');
    // One tab stop: only the active cell is focusable by Tab.
    const focusable = within(grid)
      .getAllByRole('gridcell')
      .filter((c) => c.tabIndex === 0);
    expect(focusable).toHaveLength(1);
  });

  it('moves with arrows, Home/End, Enter and Tab, and lets Tab leave at the end', async () => {
    const user = userEvent.setup();
    render(<Harness initial={initial()} />);
    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    expect(cell('企業数', 0)).toHaveFocus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(cell('企業数', 2)).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(cell('年齢引き下げ', 2)).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(cell('企業数', 2)).toHaveFocus();
    await user.keyboard('{End}');
    expect(cell('企業数', 3)).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(cell('企業数', 3)).toHaveFocus();
    await user.keyboard('{Home}');
    expect(cell('企業数', 0)).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(cell('年齢引き下げ', 0)).toHaveFocus();
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(cell('企業数', 0)).toHaveFocus();
    await user.keyboard('{Control>}{End}{/Control}');
    expect(cell('認定件数', 3)).toHaveFocus();
    // Tab wraps to the next row; Shift+Tab goes back.
    await user.keyboard('{Control>}{Home}{/Control}{End}');
    await user.tab();
    expect(cell('年齢引き下げ', 0)).toHaveFocus();
    await user.tab({ shift: true });
    expect(cell('企業数', 3)).toHaveFocus();
    // From the last cell, Tab leaves the grid (no keyboard trap).
    await user.keyboard('{Control>}{End}{/Control}');
    await user.tab();
    expect(screen.getByRole('button', { name: 'after' })).toHaveFocus();
    // And coming back lands on the cell left last.
    await user.tab({ shift: true });
    expect(cell('認定件数', 3)).toHaveFocus();
  });

  it('typing replaces the cell, Enter commits and moves down', async () => {
    const user = userEvent.setup();
    const onChanges = vi.fn();
    render(<Harness initial={initial()} onChanges={onChanges} />);
    await user.click(cell('年齢引き下げ', 3));
    await user.keyboard('600');
    const input = screen.getByRole('textbox', { name: '年齢引き下げ 令和4年度 実績' });
    expect(input).toHaveValue('600');
    await user.keyboard('{Enter}');
    expect(onChanges).toHaveBeenLastCalledWith([
      { rowId: '年齢引き下げ', columnId: 'actual-2022', value: '600' },
    ]);
    expect(cell('年齢引き下げ', 3)).toHaveTextContent('600');
    expect(cell('認定件数', 3)).toHaveFocus();
  });

  it('Escape cancels an edit and keeps the old value', async () => {
    const user = userEvent.setup();
    const onChanges = vi.fn();
    render(<Harness initial={initial()} onChanges={onChanges} />);
    await user.click(cell('企業数', 1));
    await user.keyboard('99');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(cell('企業数', 1)).toHaveTextContent('8');
    expect(cell('企業数', 1)).toHaveFocus();
    expect(onChanges).not.toHaveBeenCalled();
  });

  it('F2 edits the current value; arrows then move the caret, Tab commits and moves right', async () => {
    const user = userEvent.setup();
    const onChanges = vi.fn();
    render(<Harness initial={initial()} onChanges={onChanges} />);
    await user.click(cell('認定件数', 0));
    await user.keyboard('{F2}');
    const input = screen.getByRole('textbox', { name: '認定件数 令和3年度 計画' });
    expect(input).toHaveValue('30');
    await user.keyboard('{ArrowLeft}');
    expect(input).toHaveFocus();
    await user.keyboard('5{Tab}');
    expect(onChanges).toHaveBeenLastCalledWith([
      { rowId: '認定件数', columnId: 'plan-2021', value: '350' },
    ]);
    expect(cell('認定件数', 1)).toHaveFocus();
  });

  it('typing then an arrow commits and moves (Excel entry mode)', async () => {
    const user = userEvent.setup();
    render(<Harness initial={initial()} />);
    await user.click(cell('企業数', 0));
    await user.keyboard('4{ArrowRight}');
    expect(cell('企業数', 0)).toHaveTextContent('4');
    expect(cell('企業数', 1)).toHaveFocus();
  });

  it('Delete clears a cell; read-only cells cannot be edited', async () => {
    const user = userEvent.setup();
    const onChanges = vi.fn();
    render(<Harness initial={initial()} readOnly={['企業数/actual-2021']} onChanges={onChanges} />);
    await user.click(cell('企業数', 0));
    await user.keyboard('{Delete}');
    expect(onChanges).toHaveBeenLastCalledWith([
      { rowId: '企業数', columnId: 'plan-2021', value: '' },
    ]);
    expect(cell('企業数', 0)).toHaveTextContent('');
    await user.keyboard('{ArrowRight}');
    expect(cell('企業数', 1)).toHaveAttribute('aria-readonly', 'true');
    await user.keyboard('7{Delete}{F2}');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(cell('企業数', 1)).toHaveTextContent('8');
    expect(onChanges).toHaveBeenCalledTimes(1);
  });

  it('pastes a block copied from Excel from the focused cell, clipped to the grid', async () => {
    const user = userEvent.setup();
    const onChanges = vi.fn();
    render(<Harness initial={initial()} onChanges={onChanges} />);
    await user.click(cell('年齢引き下げ', 2));
    // Two rows of three cells (Excel adds CRLF and a trailing line break); the third column
    // falls outside the grid and the third row too.
    fireEvent.paste(cell('年齢引き下げ', 2), {
      clipboardData: { getData: () => '350\t"21,618"\t9\r\n41\t70\t1\r\n' },
    });
    expect(onChanges).toHaveBeenCalledTimes(1);
    expect(onChanges).toHaveBeenLastCalledWith([
      { rowId: '年齢引き下げ', columnId: 'plan-2022', value: '350' },
      { rowId: '年齢引き下げ', columnId: 'actual-2022', value: '21,618' },
      { rowId: '認定件数', columnId: 'plan-2022', value: '41' },
      { rowId: '認定件数', columnId: 'actual-2022', value: '70' },
    ]);
    expect(cell('認定件数', 3)).toHaveTextContent('70');
  });

  it('skips read-only cells when pasting', () => {
    const onChanges = vi.fn();
    render(<Harness initial={initial()} readOnly={['企業数/actual-2021']} onChanges={onChanges} />);
    fireEvent.paste(cell('企業数', 0), { clipboardData: { getData: () => '1\t2\t3' } });
    expect(onChanges).toHaveBeenLastCalledWith([
      { rowId: '企業数', columnId: 'plan-2021', value: '1' },
      { rowId: '企業数', columnId: 'plan-2022', value: '3' },
    ]);
  });

  it('a single value pasted while editing goes into the input', async () => {
    const user = userEvent.setup();
    const onChanges = vi.fn();
    render(<Harness initial={initial()} onChanges={onChanges} />);
    await user.click(cell('企業数', 0));
    await user.keyboard('{F2}');
    await user.paste('12');
    expect(screen.getByRole('textbox')).toHaveValue('512');
    expect(onChanges).not.toHaveBeenCalled();
  });

  it('copies the focused cell', () => {
    render(<Harness initial={initial()} />);
    const setData = vi.fn();
    fireEvent.mouseDown(cell('年齢引き下げ', 3));
    fireEvent.copy(cell('年齢引き下げ', 3), { clipboardData: { setData } });
    expect(setData).toHaveBeenCalledWith('text/plain', '568');
  });

  it('marks invalid cells and lists their messages, each linked to its cell', async () => {
    const user = userEvent.setup();
    render(
      <Harness
        initial={initial()}
        errors={{ '認定件数/plan-2022': '0以上の値を入力してください。' }}
      />,
    );
    const bad = cell('認定件数', 2);
    expect(bad).toHaveAttribute('aria-invalid', 'true');
    expect(bad).toHaveAccessibleDescription(
      /認定件数 令和4年度 計画\s?: 0以上の値を入力してください。/,
    );
    await user.click(screen.getByRole('button', { name: '認定件数 令和4年度 計画' }));
    expect(bad).toHaveFocus();
  });
});
