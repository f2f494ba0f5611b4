import { Badge, Group, Text } from '@mantine/core';

/** Words (technologies, products, fields …) as a list of badges, or a text when there are none. */
export function WordList({ items, empty }: { items: readonly string[]; empty: string }) {
  if (items.length === 0) return <Text size="sm">{empty}</Text>;
  return (
    <Group gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => (
        <Badge
          key={item}
          component="li"
          variant="light"
          color="blue"
          c="blue.9"
          tt="none"
          size="md"
        >
          {item}
        </Badge>
      ))}
    </Group>
  );
}
