import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument, serializeOpenApi } from '../apps/server/src/http/openapi-document';

const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, serializeOpenApi(buildOpenApiDocument()));
console.log(`wrote ${target.pathname}`);
