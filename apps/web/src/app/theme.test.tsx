import { MantineProvider, Notification } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { theme } from './theme';

describe('theme (AA contrast)', () => {
  it('draws a titled notification’s message in the text colour, not Mantine’s gray 6', () => {
    render(
      <MantineProvider theme={theme} env="test">
        <Notification title="保存">分類を保存しました</Notification>
      </MantineProvider>,
    );
    const message = screen.getByText('分類を保存しました');
    expect(message.getAttribute('style')).toContain('color: var(--mantine-color-text)');
  });
});
