import { execFileSync } from 'node:child_process';
import { Problem } from '@banso/shared';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { TestResponse } from '../testing/test-app';

/** What a harness reads from an answer: its status, type, the text it shows, parsed JSON. */
export interface Answer {
  status: number;
  contentType: string;
  /** Everything a reader of the answer would see: headers, and the body as text (JSON, CSV,
   * iCalendar; the text of a PDF through pdftotext; the cells of an xlsx). */
  text: string;
  /** The body alone as text (UTF-8; PDF and xlsx as their text). */
  body: string;
  json: unknown;
  /** Why the body could not be read as its type says (a broken PDF or xlsx, bad JSON). */
  unreadable: string | null;
}

let pdftotextChecked: boolean | null = null;
/** pdftotext (poppler) when installed; without it a PDF is only checked for its header. */
export function hasPdftotext(): boolean {
  if (pdftotextChecked === null) {
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
      pdftotextChecked = true;
    } catch {
      pdftotextChecked = false;
    }
  }
  return pdftotextChecked;
}

export function pdfText(bytes: Buffer): string {
  if (!bytes.subarray(0, 5).toString('latin1').startsWith('%PDF-')) throw new Error('not a PDF');
  if (!hasPdftotext()) return bytes.toString('latin1');
  return execFileSync('pdftotext', ['-q', '-', '-'], {
    input: bytes,
    maxBuffer: 64 << 20,
  }).toString('utf8');
}

export async function xlsxText(bytes: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  book.eachSheet((sheet) => {
    out.push(sheet.name);
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        out.push(String(cell.text ?? ''));
      });
    });
  });
  return out.join('\n');
}

export async function readAnswer(res: TestResponse): Promise<Answer> {
  const contentType = res.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await res.arrayBuffer());
  const headerLines: string[] = [];
  res.headers.forEach((value, key) => {
    headerLines.push(`${key}: ${value}`);
  });
  const headers = headerLines.join('\n');
  let body = '';
  let bodyText = '';
  let json: unknown;
  let unreadable: string | null = null;
  try {
    if (contentType.includes('application/pdf')) body = bodyText = pdfText(bytes);
    else if (contentType.includes('spreadsheetml')) body = bodyText = await xlsxText(bytes);
    else {
      bodyText = bytes.toString('utf8');
      // Latin-1 as well as UTF-8: a CP932 CSV still shows its ASCII (ids, markers) that way.
      body = `${bytes.toString('utf8')}\n${bytes.toString('latin1')}`;
      if (contentType.includes('json') && !contentType.includes('ndjson') && bytes.length > 0)
        json = JSON.parse(bytes.toString('utf8'));
    }
  } catch (error) {
    unreadable = `${contentType}: ${(error as Error).message}`;
    body = bytes.toString('latin1');
  }
  return {
    status: res.status,
    contentType,
    text: `${headers}\n${body}`,
    body: bodyText,
    json,
    unreadable,
  };
}

/**
 * What is wrong with an answer by the contract, or null: an error is problem+json whose status
 * matches, a 422 names its fields, a 2xx JSON body parses with the route's response contract.
 */
export function contractProblem(answer: Answer, okSchemas: Map<number, z.ZodType>): string | null {
  if (answer.unreadable) return `unreadable body (${answer.unreadable})`;
  if (answer.status >= 400) {
    if (!answer.contentType.startsWith('application/problem+json'))
      return `error without problem+json (${answer.contentType})`;
    const parsed = Problem.safeParse(answer.json);
    if (!parsed.success) return `bad problem body: ${JSON.stringify(parsed.error.issues)}`;
    if (parsed.data.status !== answer.status) return `problem.status ${parsed.data.status}`;
    if (answer.status === 422 && parsed.data.code === 'validation_failed') {
      const fields = parsed.data.errors ?? [];
      if (fields.length === 0 || fields.some((f) => !f.field)) return '422 without field names';
    }
    return null;
  }
  const okSchema = okSchemas.get(answer.status);
  if (okSchema && answer.json !== undefined) {
    const parsed = okSchema.safeParse(answer.json);
    if (!parsed.success)
      return `answer does not match its contract: ${JSON.stringify(parsed.error.issues).slice(0, 500)}`;
  }
  return null;
}
