import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { TEXT_ENCODING_NAMES, TEXT_ENCODINGS } from '@banso/shared';
import { IconFileTypeCsv } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type FilePreview, MAX_UPLOAD_BYTES, PREVIEW_ROWS, type TextEncoding } from './csv-preview';
import { READABLE_TEXT } from './readable';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export interface LoadedFile {
  file: File;
  preview: FilePreview;
  /** The encoding shown and sent: the user's choice, else the detected one. */
  encoding: TextEncoding;
  lines: number;
}

/** Step 1: choose the file; its encoding, format and first rows. */
export function FileStep({
  file,
  loaded,
  reading,
  error,
  onFile,
  onEncoding,
  onNext,
}: {
  file: File | null;
  loaded: LoadedFile | null;
  reading: boolean;
  error: string | null;
  onFile: (file: File | null) => void;
  onEncoding: (encoding: TextEncoding) => void;
  onNext: () => void;
}) {
  const { t, i18n } = useTranslation('companyImport');
  const number = new Intl.NumberFormat(i18n.language);
  const preview = loaded?.preview;
  const hasHeader = preview?.format !== 'nta';
  const header = hasHeader ? preview?.rows[0] : undefined;
  const body = (hasHeader ? preview?.rows.slice(1) : preview?.rows)?.slice(0, PREVIEW_ROWS) ?? [];
  const width = Math.max(header?.length ?? 0, ...body.map((r) => r.length));
  const garbled = preview?.rows.some((row) => row.some((cell) => cell.includes('\uFFFD')));

  return (
    <Stack>
      <FileInput
        label={t('file.label')}
        description={t('file.description')}
        placeholder={t('file.placeholder')}
        accept=".csv,text/csv"
        value={file}
        onChange={onFile}
        leftSection={<IconFileTypeCsv size={18} aria-hidden />}
        clearable
        clearButtonProps={{ 'aria-label': t('file.clear') }}
        error={error}
        maw={520}
      />
      {reading ? (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          <Text size="sm">{t('file.reading')}</Text>
        </Group>
      ) : null}
      {loaded && preview ? (
        <>
          <Group align="flex-end" gap="lg" wrap="wrap">
            <Select
              label={t('file.encoding')}
              description={t('file.encodingDescription', {
                encoding: TEXT_ENCODING_NAMES[preview.detectedEncoding],
              })}
              data={[
                ...TEXT_ENCODINGS.map((value) => ({ value, label: TEXT_ENCODING_NAMES[value] })),
              ]}
              value={loaded.encoding}
              onChange={(value) => value && onEncoding(value as TextEncoding)}
              allowDeselect={false}
              w={260}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="import-format-label">
                {t('file.format')}
              </Text>
              <Badge
                size="lg"
                variant="light"
                color={preview.format === 'other' ? 'orange' : 'teal'}
                aria-labelledby="import-format-label"
                c={READABLE_TEXT}
                tt="none"
              >
                {t(`file.formats.${preview.format}`)}
              </Badge>
            </Stack>
            <Text size="sm">
              {t('file.size', {
                size: formatBytes(loaded.file.size),
                lines: number.format(loaded.lines),
              })}
            </Text>
          </Group>
          {garbled ? (
            <Alert color="yellow" variant="light" role="status">
              {t('file.replacement')}
            </Alert>
          ) : null}
          {preview.rows.length === 0 ? (
            <Alert color="red" variant="light" role="alert">
              {t('file.empty')}
            </Alert>
          ) : (
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('file.previewTitle', { count: body.length })}
              </Title>
              {/* A wide file scrolls sideways: the region takes the keyboard focus for that. */}
              <Table.ScrollContainer
                minWidth={Math.min(2400, 160 * width)}
                scrollAreaProps={{
                  viewportProps: {
                    tabIndex: 0,
                    role: 'region',
                    'aria-label': t('file.previewTitle', { count: body.length }),
                  },
                }}
              >
                <Table striped withTableBorder withColumnBorders fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('file.lineHeader')}</Table.Th>
                      {Array.from({ length: width }, (_, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: columns have no other identity
                        <Table.Th key={i} scope="col">
                          {header?.[i] || t('file.column', { n: i + 1 })}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {body.map((row, r) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: preview rows are fixed
                      <Table.Tr key={r}>
                        <Table.Th scope="row">{r + 1}</Table.Th>
                        {Array.from({ length: width }, (_, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: columns have no other identity
                          <Table.Td key={i} style={{ whiteSpace: 'pre-wrap' }}>
                            {row[i] ?? ''}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )}
          <Group>
            <Button onClick={onNext} disabled={preview.rows.length === 0}>
              {t('file.next')}
            </Button>
          </Group>
        </>
      ) : null}
    </Stack>
  );
}

export const tooLarge = (file: File) => file.size > MAX_UPLOAD_BYTES;
