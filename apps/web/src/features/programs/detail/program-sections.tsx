import type { ProgramItemGroup } from '@banso/shared';
import { List, Stack, Text, Title } from '@mantine/core';
import type { ProgramDetailDto } from '../../../api/programs';
import { budgetHeading } from '../program-format';

/**
 * Numbered items as the report prints them: a heading (「1 ウェルテックの運営」), optional prose
 * and the sub-items (①②③). Items are stored as written, numbers included, so they are shown as
 * is, without a second bullet.
 */
export function ItemGroups({ groups }: { groups: ProgramItemGroup[] }) {
  return (
    <Stack gap="xs">
      {groups.map((g, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the groups are positional
        <Stack key={i} gap={2}>
          {g.title ? <Text fw={700}>{g.title}</Text> : null}
          {g.body ? <Text pl="md">{g.body}</Text> : null}
          {g.items.length > 0 ? (
            <List listStyleType="none" pl="md" spacing={2}>
              {g.items.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
          ) : null}
        </Stack>
      ))}
    </Stack>
  );
}

/** Bullets (description, 総括). */
export function Bullets({ items }: { items: string[] }) {
  return (
    <List spacing={4}>
      {items.map((item) => (
        <List.Item key={item}>{item}</List.Item>
      ))}
    </List>
  );
}

/** One year's heading with its budget line, the intro and the numbered activities. */
export function YearActivities({
  year,
  order = 3,
}: {
  year: ProgramDetailDto['years'][number];
  order?: 2 | 3 | 4;
}) {
  return (
    <Stack gap="xs">
      <Title order={order} size="h5">
        {budgetHeading(year)}
      </Title>
      {year.intro ? <Text>{year.intro}</Text> : null}
      <ItemGroups groups={year.activities} />
    </Stack>
  );
}
