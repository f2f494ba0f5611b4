import { Badge, Group, ScrollArea, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CompanyDto } from '../../../api/companies';
import { useFormatters } from '../../../app/preferences';
import { formatNumber, formatYen } from '../../../lib/format';
import type { ColumnKey } from './columns';
import classes from './company-table.module.css';

interface Cell {
  render: (company: CompanyDto) => ReactNode;
  numeric?: boolean;
  /** Keeps short values on one line. */
  nowrap?: boolean;
}

/**
 * The company list as a plain table: one link per row (the name) so keyboard users
 * tab through companies, not cells. Wide column choices scroll sideways inside a
 * focusable region, never the page.
 */
export function CompanyTable({
  companies,
  columns,
}: {
  companies: CompanyDto[];
  columns: readonly ColumnKey[];
}) {
  const { t } = useTranslation('companies');
  const format = useFormatters();
  const dash = '—';

  const cells: Record<ColumnKey, Cell> = {
    corporateNumber: { render: (c) => c.corporateNumber ?? dash, nowrap: true },
    nameKana: { render: (c) => c.nameKana ?? dash },
    kind: { render: (c) => t(`kind.${c.kind}`), nowrap: true },
    industry: {
      render: (c) =>
        c.jsicName ? (format.language === 'en' ? c.jsicName.en : c.jsicName.ja) : dash,
    },
    location: { render: (c) => c.municipalityName ?? dash, nowrap: true },
    employees: { render: (c) => formatNumber(c.employees), numeric: true, nowrap: true },
    capital: {
      render: (c) => formatYen(c.capitalYen, format.language),
      numeric: true,
      nowrap: true,
    },
    representative: { render: (c) => c.representativeName ?? dash },
    updatedAt: { render: (c) => format.date(c.updatedAt), nowrap: true },
    tags: {
      render: (c) =>
        c.tags.length === 0 ? (
          dash
        ) : (
          <span className={classes.tags}>
            {c.tags.map((tag) => (
              <Badge key={tag} variant="outline" color="gray.8" size="sm" tt="none">
                {tag}
              </Badge>
            ))}
          </span>
        ),
    },
  };
  const minWidth = 200 + columns.length * 110;

  return (
    <ScrollArea
      type="auto"
      scrollbars="x"
      offsetScrollbars="x"
      viewportProps={{
        tabIndex: 0,
        role: 'region',
        'aria-label': t('list.table.region'),
      }}
    >
      <Table
        verticalSpacing="xs"
        miw={minWidth}
        aria-label={t('list.table.caption')}
        data-testid="company-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('list.column.name')}</Table.Th>
            {columns.map((key) => (
              <Table.Th
                key={key}
                scope="col"
                ta={cells[key].numeric ? 'right' : undefined}
                style={{ whiteSpace: 'nowrap' }}
              >
                {t(`list.column.${key}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {companies.map((company) => (
            <tr key={company.id} className={classes.row}>
              <th scope="row" className={`${classes.cell} ${classes.head}`}>
                <Link to={`/companies/${company.id}`} className={classes.name}>
                  {company.name}
                </Link>
                {company.archivedAt || company.status === 'closed' ? (
                  <Group gap={4} mt={2}>
                    {company.archivedAt ? (
                      <Badge size="xs" variant="outline" color="gray.8">
                        {t('status.archived')}
                      </Badge>
                    ) : null}
                    {company.status === 'closed' ? (
                      <Badge size="xs" variant="outline" color="red.9">
                        {t('status.closed')}
                      </Badge>
                    ) : null}
                  </Group>
                ) : null}
              </th>
              {columns.map((key) => (
                <td
                  key={key}
                  className={[
                    classes.cell,
                    cells[key].numeric ? classes.numeric : '',
                    cells[key].nowrap ? classes.nowrap : '',
                  ].join(' ')}
                >
                  {cells[key].render(company)}
                </td>
              ))}
            </tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
