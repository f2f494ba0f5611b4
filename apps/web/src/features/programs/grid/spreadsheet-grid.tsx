import { Box, Text } from '@mantine/core';
import {
  type ClipboardEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { parseClipboard } from './clipboard';
import classes from './spreadsheet-grid.module.css';

export interface GridColumn {
  id: string;
  label: string;
  /** Consecutive columns with the same group share a header above theirs (令和4年度 → 計画/実績). */
  group?: string;
}

export interface GridCell {
  /** The text held for the cell (what the user typed, or the stored figure). */
  value: string;
  readOnly?: boolean;
  /** Shown greyed when the cell is empty (a computed actual that an entry would override). */
  placeholder?: string;
  error?: string | null;
  /** A small mark after the value (自動集計, 上書き). */
  mark?: ReactNode;
}

export interface GridRow {
  id: string;
  label: string;
  cells: Record<string, GridCell | undefined>;
}

export interface CellChange {
  rowId: string;
  columnId: string;
  value: string;
}

export interface SpreadsheetGridProps {
  /** The grid's accessible name. */
  label: string;
  /** Header of the row-label column. */
  rowHeader: string;
  columns: GridColumn[];
  rows: GridRow[];
  /** Typed, cleared or pasted values, one call per user action. */
  onChange: (changes: CellChange[]) => void;
  /** How a value is shown when not being edited (e.g. with thousands separators). */
  format?: (value: string) => string;
  /** Hint under the grid (keys), linked to it with aria-describedby. */
  hint?: string;
}

type Pos = { r: number; c: number };
type Editing = { value: string; mode: 'replace' | 'edit'; original: string };

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/**
 * A small spreadsheet: a roving focus over the cells (WAI-ARIA grid pattern). Arrow keys, Tab,
 * Enter and Home/End move; typing replaces the cell, F2 or a double click edits it, Escape
 * cancels, Delete clears; a block pasted from Excel (tab-separated rows) fills the cells from
 * the focused one, skipping read-only cells and anything beyond the grid. Copy puts the focused
 * cell on the clipboard. The values are the parent's: every edit is reported with onChange.
 */
export function SpreadsheetGrid({
  label,
  rowHeader,
  columns,
  rows,
  onChange,
  format = (v) => v,
  hint,
}: SpreadsheetGridProps) {
  const [active, setActive] = useState<Pos>({ r: 0, c: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const cellRefs = useRef(new Map<string, HTMLTableCellElement>());
  const inputRef = useRef<HTMLInputElement>(null);
  /** Focus follows the active cell only after the user moved inside the grid. */
  const wantFocus = useRef(false);
  const baseId = useId();
  const hintId = `${baseId}-hint`;

  const rowCount = rows.length;
  const colCount = columns.length;
  const pos: Pos = {
    r: clamp(active.r, 0, Math.max(0, rowCount - 1)),
    c: clamp(active.c, 0, Math.max(0, colCount - 1)),
  };
  const cellAt = (p: Pos): GridCell | undefined => {
    const column = columns[p.c];
    return column ? rows[p.r]?.cells[column.id] : undefined;
  };
  const key = (p: Pos) => `${p.r}:${p.c}`;

  useEffect(() => {
    if (!wantFocus.current) return;
    if (editing) inputRef.current?.focus();
    else cellRefs.current.get(key(pos))?.focus();
  });

  function moveTo(p: Pos) {
    wantFocus.current = true;
    setActive({ r: clamp(p.r, 0, rowCount - 1), c: clamp(p.c, 0, colCount - 1) });
  }

  function change(p: Pos, value: string) {
    const row = rows[p.r];
    const column = columns[p.c];
    const cell = cellAt(p);
    if (!row || !column || !cell || cell.readOnly || cell.value === value) return;
    onChange([{ rowId: row.id, columnId: column.id, value }]);
  }

  function commit() {
    if (!editing) return;
    change(pos, editing.value.trim());
    setEditing(null);
  }

  function startEditing(mode: Editing['mode'], value?: string) {
    const cell = cellAt(pos);
    if (!cell || cell.readOnly) return;
    wantFocus.current = true;
    setEditing({ mode, value: value ?? cell.value, original: cell.value });
  }

  /** Tab order through the cells, row by row; false at either end (focus leaves the grid). */
  function tabFrom(p: Pos, back: boolean): Pos | null {
    const index = p.r * colCount + p.c + (back ? -1 : 1);
    if (index < 0 || index >= rowCount * colCount) return null;
    return { r: Math.floor(index / colCount), c: index % colCount };
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (rowCount === 0 || colCount === 0) return;
    const { key: k, shiftKey, ctrlKey, metaKey, altKey } = event;
    if (editing) {
      if (k === 'Escape') {
        event.preventDefault();
        wantFocus.current = true;
        setEditing(null);
        return;
      }
      const horizontal = k === 'ArrowLeft' || k === 'ArrowRight';
      if (
        k === 'Enter' ||
        k === 'Tab' ||
        k === 'ArrowUp' ||
        k === 'ArrowDown' ||
        (horizontal && editing.mode === 'replace')
      ) {
        const next =
          k === 'Tab'
            ? (tabFrom(pos, shiftKey) ?? pos)
            : k === 'Enter'
              ? { r: pos.r + (shiftKey ? -1 : 1), c: pos.c }
              : k === 'ArrowUp'
                ? { r: pos.r - 1, c: pos.c }
                : k === 'ArrowDown'
                  ? { r: pos.r + 1, c: pos.c }
                  : { r: pos.r, c: pos.c + (k === 'ArrowLeft' ? -1 : 1) };
        event.preventDefault();
        commit();
        moveTo(next);
      }
      return;
    }
    const ctrl = ctrlKey || metaKey;
    switch (k) {
      case 'ArrowUp':
        event.preventDefault();
        moveTo({ r: pos.r - 1, c: pos.c });
        return;
      case 'ArrowDown':
        event.preventDefault();
        moveTo({ r: pos.r + 1, c: pos.c });
        return;
      case 'ArrowLeft':
        event.preventDefault();
        moveTo({ r: pos.r, c: pos.c - 1 });
        return;
      case 'ArrowRight':
        event.preventDefault();
        moveTo({ r: pos.r, c: pos.c + 1 });
        return;
      case 'Home':
        event.preventDefault();
        moveTo({ r: ctrl ? 0 : pos.r, c: 0 });
        return;
      case 'End':
        event.preventDefault();
        moveTo({ r: ctrl ? rowCount - 1 : pos.r, c: colCount - 1 });
        return;
      case 'Tab': {
        const next = tabFrom(pos, shiftKey);
        if (next) {
          event.preventDefault();
          moveTo(next);
        }
        return;
      }
      case 'Enter':
        event.preventDefault();
        moveTo({ r: pos.r + (shiftKey ? -1 : 1), c: pos.c });
        return;
      case 'F2':
        event.preventDefault();
        startEditing('edit');
        return;
      case 'Delete':
      case 'Backspace':
        event.preventDefault();
        change(pos, '');
        return;
      default:
        if (k.length === 1 && !ctrl && !altKey) {
          event.preventDefault();
          startEditing('replace', k);
        }
    }
  }

  function onPaste(event: ClipboardEvent<HTMLElement>) {
    const text = event.clipboardData.getData('text/plain');
    const block = parseClipboard(text);
    const single = block.length <= 1 && (block[0]?.length ?? 0) <= 1;
    // A single value pasted while editing goes into the input as usual.
    if (editing && single) return;
    event.preventDefault();
    setEditing(null);
    const changes: CellChange[] = [];
    block.forEach((values, i) => {
      const row = rows[pos.r + i];
      if (!row) return;
      values.forEach((value, j) => {
        const column = columns[pos.c + j];
        const cell = column ? row.cells[column.id] : undefined;
        if (!column || !cell || cell.readOnly) return;
        const v = value.trim();
        if (v !== cell.value) changes.push({ rowId: row.id, columnId: column.id, value: v });
      });
    });
    if (changes.length > 0) onChange(changes);
  }

  function onCopy(event: ClipboardEvent<HTMLElement>) {
    if (editing) return;
    const cell = cellAt(pos);
    if (!cell) return;
    event.preventDefault();
    event.clipboardData.setData('text/plain', cell.value);
  }

  const groups: { label: string; span: number }[] = [];
  for (const column of columns) {
    const last = groups[groups.length - 1];
    const g = column.group ?? '';
    if (last && last.label === g) last.span += 1;
    else groups.push({ label: g, span: 1 });
  }
  const grouped = columns.some((c) => c.group);
  const errors = rows.flatMap((row, r) =>
    columns.flatMap((column, c) => {
      const error = row.cells[column.id]?.error;
      return error ? [{ id: `${baseId}-e-${r}-${c}`, r, c, row, column, error }] : [];
    }),
  );

  return (
    <Box>
      <Box className={classes.scroller}>
        <table
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA APG data grid is a table with role=grid
          role="grid"
          aria-label={label}
          aria-describedby={hint ? hintId : undefined}
          aria-rowcount={rowCount + (grouped ? 2 : 1)}
          className={classes.grid}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onCopy={onCopy}
        >
          <thead>
            {grouped ? (
              <tr>
                <th rowSpan={2} scope="col" className={classes.rowHeader}>
                  {rowHeader}
                </th>
                {groups.map((g, i) => (
                  <th
                    // biome-ignore lint/suspicious/noArrayIndexKey: groups are positional
                    key={i}
                    colSpan={g.span}
                    scope="colgroup"
                    className={classes.groupHeader}
                  >
                    {g.label}
                  </th>
                ))}
              </tr>
            ) : null}
            <tr>
              {grouped ? null : (
                <th scope="col" className={classes.rowHeader}>
                  {rowHeader}
                </th>
              )}
              {columns.map((column) => (
                <th
                  key={column.id}
                  scope="col"
                  className={classes.columnHeader}
                  aria-label={column.group ? `${column.group} ${column.label}` : undefined}
                >
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={row.id}>
                <th scope="row" className={classes.rowHeader}>
                  {row.label}
                </th>
                {columns.map((column, c) => {
                  const cell = row.cells[column.id];
                  const isActive = r === pos.r && c === pos.c;
                  const isEditing = isActive && editing !== null;
                  const errorId = cell?.error ? `${baseId}-e-${r}-${c}` : undefined;
                  const name = `${row.label} ${column.group ? `${column.group} ` : ''}${column.label}`;
                  return (
                    <td
                      key={column.id}
                      ref={(el) => {
                        if (el) cellRefs.current.set(key({ r, c }), el);
                        else cellRefs.current.delete(key({ r, c }));
                      }}
                      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: APG grid cells are td with role=gridcell
                      role="gridcell"
                      tabIndex={isActive && !isEditing ? 0 : -1}
                      aria-readonly={cell?.readOnly || !cell ? true : undefined}
                      aria-invalid={cell?.error ? true : undefined}
                      aria-describedby={errorId}
                      data-active={isActive || undefined}
                      data-invalid={cell?.error ? true : undefined}
                      data-readonly={cell?.readOnly || !cell ? true : undefined}
                      className={classes.cell}
                      onMouseDown={() => {
                        if (isEditing) return;
                        if (editing) commit();
                        wantFocus.current = true;
                        setActive({ r, c });
                      }}
                      onDoubleClick={() => startEditing('edit')}
                      onFocus={() => {
                        if (!isActive) setActive({ r, c });
                      }}
                    >
                      {isEditing && editing ? (
                        <input
                          ref={inputRef}
                          className={classes.input}
                          aria-label={name}
                          value={editing.value}
                          inputMode="decimal"
                          onChange={(e) => setEditing({ ...editing, value: e.target.value })}
                          onBlur={(e) => {
                            if (!e.currentTarget.isConnected) return;
                            commit();
                            wantFocus.current = false;
                          }}
                        />
                      ) : cell ? (
                        <span className={classes.value}>
                          {cell.value !== '' ? (
                            format(cell.value)
                          ) : cell.placeholder ? (
                            <span className={classes.placeholder}>{cell.placeholder}</span>
                          ) : null}
                          {cell.mark}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
      {hint ? (
        <Text id={hintId} size="xs" mt={4}>
          {hint}
        </Text>
      ) : null}
      {errors.length > 0 ? (
        <ul className={classes.errors} aria-label={label}>
          {errors.map((e) => (
            <li key={e.id} id={e.id}>
              <button
                type="button"
                className={classes.errorLink}
                onClick={() => moveTo({ r: e.r, c: e.c })}
              >
                {`${e.row.label} ${e.column.group ? `${e.column.group} ` : ''}${e.column.label}`}
              </button>
              {`: ${e.error}`}
            </li>
          ))}
        </ul>
      ) : null}
    </Box>
  );
}
