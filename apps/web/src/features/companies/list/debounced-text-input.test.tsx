import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { theme } from '../../../app/theme';
import { DebouncedTextInput } from './debounced-text-input';

/** The debounce under a fake clock: what is committed, and when, without waiting in real time. */
describe('DebouncedTextInput', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const renderBox = (value: string, onCommit: (v: string) => void) => {
    const ui = (v: string) => (
      <MantineProvider theme={theme} env="test">
        <DebouncedTextInput aria-label="q" value={v} onCommit={onCommit} delay={300} />
      </MantineProvider>
    );
    const view = render(ui(value));
    return { ...view, setValue: (v: string) => view.rerender(ui(v)) };
  };

  it('commits the trimmed text once typing has stopped for the delay', () => {
    const onCommit = vi.fn();
    renderBox('', onCommit);
    fireEvent.change(screen.getByLabelText('q'), { target: { value: ' かわ ' } });
    act(() => vi.advanceTimersByTime(299));
    expect(onCommit).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onCommit).toHaveBeenCalledExactlyOnceWith('かわ');
  });

  it('follows a value changed from outside and never writes the old draft back', () => {
    const onCommit = vi.fn();
    const { setValue } = renderBox('ｶﾜｻｷ', onCommit);
    setValue('あい');
    expect(screen.getByLabelText('q')).toHaveValue('あい');
    act(() => vi.advanceTimersByTime(5_000));
    expect(onCommit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('q')).toHaveValue('あい');
  });

  it('commits at once on Enter', () => {
    const onCommit = vi.fn();
    renderBox('', onCommit);
    const box = screen.getByLabelText('q');
    fireEvent.change(box, { target: { value: '川崎' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onCommit).toHaveBeenCalledExactlyOnceWith('川崎');
    act(() => vi.advanceTimersByTime(1_000));
    expect(onCommit).toHaveBeenCalledTimes(1);
  });
});
