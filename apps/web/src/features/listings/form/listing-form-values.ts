import {
  fieldErrorsFromZod,
  type LICENSING_OFFERS,
  ListingCreate,
  type ListingKind,
  type ListingStatus,
  ListingUpdate,
  type Localized,
} from '@banso/shared';
import type { ListingDto } from '../../../api/listings';

/**
 * What the listing form holds, and how it becomes a request body. Validation is the API's own
 * contract (ListingCreate / ListingUpdate) with the API's issue → field-code mapping, so the
 * browser shows the very message the server would answer with.
 */

export interface ListingFormValues {
  kind: ListingKind;
  title: string;
  patentNumber: string;
  applicationNumber: string;
  publicationNumber: string;
  filedOn: string;
  registeredOn: string;
  abstract: string;
  claims: string;
  technicalFields: string[];
  functions: string[];
  applicableProducts: string[];
  purpose: string;
  effect: string;
  ipc: string[];
  holderCompanyId: string | null;
  holderName: string;
  assignmentOffered: boolean;
  licensing: (typeof LICENSING_OFFERS)[number];
  licensingRecord: string;
  status: ListingStatus;
  verifiedOn: string;
  licenseConditions: string;
  contact: string;
  source: string;
  externalId: string;
  municipalityCode: string;
}

export type ListingField = keyof ListingFormValues;

/** Every field in the order the form shows them (the first invalid one gets the focus). */
export const LISTING_FORM_FIELDS = [
  'kind',
  'title',
  'status',
  'verifiedOn',
  'patentNumber',
  'applicationNumber',
  'publicationNumber',
  'filedOn',
  'registeredOn',
  'abstract',
  'applicableProducts',
  'technicalFields',
  'functions',
  'purpose',
  'effect',
  'claims',
  'ipc',
  'holderCompanyId',
  'holderName',
  'assignmentOffered',
  'licensing',
  'licensingRecord',
  'licenseConditions',
  'contact',
  'source',
  'externalId',
  'municipalityCode',
] as const satisfies readonly ListingField[];

export const inputId = (field: ListingField) => `listing-${field}`;

export const emptyListingValues = (): ListingFormValues => ({
  kind: 'open_patent',
  title: '',
  patentNumber: '',
  applicationNumber: '',
  publicationNumber: '',
  filedOn: '',
  registeredOn: '',
  abstract: '',
  claims: '',
  technicalFields: [],
  functions: [],
  applicableProducts: [],
  purpose: '',
  effect: '',
  ipc: [],
  holderCompanyId: null,
  holderName: '',
  assignmentOffered: false,
  licensing: 'non_exclusive',
  licensingRecord: '',
  status: 'offered',
  verifiedOn: '',
  licenseConditions: '',
  contact: '',
  source: '',
  externalId: '',
  municipalityCode: '',
});

export function listingToValues(l: ListingDto): ListingFormValues {
  return {
    kind: l.kind,
    title: l.title,
    patentNumber: l.patentNumber ?? '',
    applicationNumber: l.applicationNumber ?? '',
    publicationNumber: l.publicationNumber ?? '',
    filedOn: l.filedOn ?? '',
    registeredOn: l.registeredOn ?? '',
    abstract: l.abstract ?? '',
    claims: l.claims ?? '',
    technicalFields: [...l.technicalFields],
    functions: [...l.functions],
    applicableProducts: [...l.applicableProducts],
    purpose: l.purpose ?? '',
    effect: l.effect ?? '',
    ipc: [...l.ipc],
    holderCompanyId: l.holderCompanyId,
    // A registered holder's name comes from the company; the text field is for unregistered ones.
    holderName: l.holderCompanyId ? '' : (l.holderName ?? ''),
    assignmentOffered: l.assignmentOffered,
    licensing: l.licensing,
    licensingRecord: l.licensingRecord ?? '',
    status: l.status,
    verifiedOn: l.verifiedOn ?? '',
    licenseConditions: l.licenseConditions ?? '',
    contact: l.contact ?? '',
    source: l.source ?? '',
    externalId: l.externalId ?? '',
    municipalityCode: l.municipalityCode ?? '',
  };
}

export type FieldMessages = Partial<Record<ListingField, Localized>> & {
  /** Problems the form has no field for (shown at the top). */
  other?: { field: string; message: Localized }[];
};

const isListingField = (field: string): field is ListingField =>
  (LISTING_FORM_FIELDS as readonly string[]).includes(field);

/** The form field a problem path belongs to ('ipc.2' → 'ipc'), if any. */
export function formFieldOf(path: string): ListingField | null {
  const head = path.split('.')[0] ?? '';
  return isListingField(head) ? head : null;
}

function group(problems: readonly { field: string; message: Localized }[]): FieldMessages {
  const out: FieldMessages = {};
  for (const p of problems) {
    const field = formFieldOf(p.field);
    if (field) out[field] ??= p.message;
    else {
      out.other ??= [];
      out.other.push(p);
    }
  }
  return out;
}

export type Validation<Body> = { ok: true; body: Body } | { ok: false; errors: FieldMessages };

const toInput = (values: ListingFormValues): Record<string, unknown> => ({ ...values });

/** Checked for POST /listings; `body` is what to send. */
export function validateCreate(values: ListingFormValues): Validation<ListingCreate> {
  const result = ListingCreate.safeParse(toInput(values));
  return result.success
    ? { ok: true, body: result.data }
    : { ok: false, errors: group(fieldErrorsFromZod(result.error)) };
}

/**
 * Checked for PATCH /listings/{id}: the whole form is validated, and the body holds the fields
 * whose normalised value differs from the listing as loaded, plus the version read.
 */
export function validateUpdate(
  values: ListingFormValues,
  initial: ListingFormValues,
  version: number,
): Validation<ListingUpdate> {
  const result = ListingUpdate.safeParse({ ...toInput(values), version });
  if (!result.success) return { ok: false, errors: group(fieldErrorsFromZod(result.error)) };
  const before = ListingUpdate.safeParse({ ...toInput(initial), version });
  const body: Record<string, unknown> = { version };
  for (const field of LISTING_FORM_FIELDS) {
    const now = result.data[field];
    const then = before.success ? before.data[field] : Symbol('unknown');
    if (JSON.stringify(now) !== JSON.stringify(then)) body[field] = now;
  }
  return { ok: true, body: body as ListingUpdate };
}
