import type { CompanyCreate } from '@banso/shared';

let sequence = 0;

/** A valid company create request; override any field. Shared by tests and the demo seed. */
export function buildCompany(overrides: Partial<CompanyCreate> = {}): CompanyCreate {
  sequence += 1;
  return {
    name: `テスト工業${sequence}`,
    nameKana: `テストコウギョウ${sequence}`,
    kind: 'sme',
    successorStatus: 'unknown',
    technologies: [],
    products: [],
    equipment: [],
    needs: [],
    tags: [],
    ...overrides,
  };
}
