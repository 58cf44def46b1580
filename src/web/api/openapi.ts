import type { RequestHandler } from 'express';
import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import { changeRequestSchema, voidRequestSchema } from './change.schemas.js';
import { changesQuery, searchQuery, summaryQuery, treeQuery, unitsQuery } from './api.handlers.js';
import { compareQuery, jsonLdQuery } from './compare.api.js';
import { plansQuery } from './plan.api.js';
import { idPath } from '../params.js';
import { movementSchema, movementsListSchema, quotaSchema, staffingQuery, targetSchema, targetsQuery } from './staffing.schemas.js';
import { candidatesQuery } from './standard.schemas.js';
import { isoDate, unitRef } from '../validation.js';
import * as out from './response.schemas.js';
import { langQuery, read, write, type Op } from './openapi.operations.js';

/**
 * The OpenAPI 3.1 description of /api, built once from the schemas the handlers parse with and the
 * ones their answers follow (response.schemas.ts), one operation per route of api.routes.ts
 * (openapi.operations.ts); a test holds the document and the app's router together.
 */

const DESCRIPTION = `The JSON API of the restructuring tracker. Every request needs an account:
scripts send \`Authorization: Bearer TOKEN\` (\`npm run token:create\`); the browser's own fetches use its session
cookie, which may read but not write (writes need a token, so the API needs no CSRF token). Units in query strings
are an official code (\`root=10\`) or an internal id (\`root=id:42\`); in bodies \`{"id": 42}\` or \`{"code": "02641"}\`.
Dates are \`YYYY-MM-DD\` between 1900-01-01 and 2100-12-31. Messages are in Vietnamese unless \`?lang=en\` or
\`Accept-Language: en\` asks for English. Every refusal has the same shape (\`Error\`). The user guide's API page
(views/help/api.md) has an example of each change type.`;

const changeRequest = changeRequestSchema.meta({ id: 'ChangeRequest' });

/** Every /api operation, its zod schemas still in place (the HTTP test reads the documented answers here). */
export const apiPaths = {
  '/api/openapi.json': {
    get: read('API', 'This document (OpenAPI 3.1)', langQuery, z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) })),
  },
  '/api/tree': { get: read('Units', 'The tree on a date below a root (every province without a root)', treeQuery, out.treeResponse, { notFound: true }) },
  '/api/units': { get: read('Units', 'The units carrying an official code on a date (every holder ever without a date)', unitsQuery, out.unitsResponse) },
  '/api/units/{id}': { get: read('Units', 'One unit: its versions, the changes that wrote it, predecessors and successors', langQuery, out.unitResponse, { path: idPath, notFound: true }) },
  '/api/search': { get: read('Units', 'The forms\' unit picker: units by name, code or id:N, a page at a time', searchQuery, out.searchResponse) },
  '/api/summary': { get: read('Reports', 'Counts by kind and subtype under a root on two dates', summaryQuery, out.summaryResponse, { notFound: true }) },
  '/api/changes': {
    get: read('Changes', 'The changes effective between two dates touching units ever under a root', changesQuery, out.changesResponse, { notFound: true }),
    post: write('Changes', 'Records one change (all or nothing)', changeRequest, 201, out.recordedResponse, {
      description: 'One change of one of the types below (`type`); nothing is written unless all of it is.',
      headers: z.object({ Location: z.string().meta({ description: '/api/changes/{id}, naming the change recorded (GET answers it; the change\'s page is /changes/{id})' }) }),
    }),
  },
  '/api/changes/{id}': { get: read('Changes', 'One change as stored, voided or not', langQuery, out.voidedResponse, { path: idPath, notFound: true }) },
  '/api/changes/{id}/void': { post: write('Changes', 'Voids a change and replays what came after', voidRequestSchema, 200, out.voidedResponse, { path: idPath, notFound: true }) },
  '/api/changes/{id}/reinstate': {
    post: write('Changes', 'Puts a voided change back in force in its place, replaying what came after (409 when a later change no longer applies)', voidRequestSchema, 200, out.voidedResponse, { path: idPath, notFound: true }),
  },
  '/api/staffing': { get: read('Staffing', 'Quota, headcount, vacancies and outflows under a root', staffingQuery, out.staffingResponse, { notFound: true }) },
  '/api/staffing/movements': {
    post: write('Staffing', 'Records one staff movement, or many ({"movements": […]}) all or nothing', z.union([movementSchema, movementsListSchema]), 201, out.recordedCountResponse, { notFound: true }),
  },
  '/api/staffing/quotas': { post: write('Staffing', 'Records a staffing quota', quotaSchema, 201, out.recordedCountResponse, { notFound: true }) },
  '/api/targets': {
    get: read('Staffing', 'The targets with their progress on a date', targetsQuery, out.targetsResponse),
    post: write('Staffing', 'Creates a reduction target', targetSchema, 201, out.createdIdResponse, {
      notFound: true, headers: z.object({ Location: z.string().meta({ description: '/targets/{id}: the target\'s page' }) }),
    }),
  },
  '/api/compare': { get: read('Reports', 'Two dates side by side: counts, every unit classified, the lineage in words', compareQuery, out.compareResponse, { notFound: true }) },
  '/api/compare/correspondence': { get: read('Reports', 'The correspondence table: each unit on the first date and what it became on the second', compareQuery, out.correspondenceResponse, { notFound: true }) },
  '/api/export.jsonld': { get: read('Reports', 'The tree on a date and its change events as open data (JSON-LD)', jsonLdQuery, out.jsonLdResponse, { notFound: true, type: 'application/ld+json' }) },
  '/api/standards': { get: read('Standards', 'The standards, the merger rules and the regions set on units', langQuery, out.standardsResponse) },
  '/api/standards/candidates': { get: read('Standards', 'The units below a merger rule under a root (required)', candidatesQuery, out.candidatesResponse, { notFound: true }) },
  '/api/plans': { get: read('Plans', 'The plans, newest first', plansQuery, out.plansResponse) },
  '/api/plans/{id}': { get: read('Plans', 'One plan: its proposals evaluated on the to-be tree, its history and counts', langQuery, out.planResponse, { path: idPath, notFound: true }) },
} satisfies Record<string, Partial<Record<'get' | 'post', Op>>>;

/** The shared field schemas refine a string: say what the refinements check, which JSON Schema cannot see. */
const FIELD_WORDS = new Map<unknown, object>([
  [isoDate, { format: 'date', description: 'YYYY-MM-DD, between 1900-01-01 and 2100-12-31' }],
  [unitRef, { pattern: '^(id:\\d+|[0-9A-Za-z._-]{1,20})$', description: 'A unit: its official code (`10`), or `id:42`' }],
]);

/** The document, built at start-up. */
export function buildApiDocument() {
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Theo dõi sắp xếp tổ chức bộ máy · Restructuring tracker API', version: '1', description: DESCRIPTION },
    tags: ['Units', 'Changes', 'Reports', 'Staffing', 'Standards', 'Plans', 'API'].map((name) => ({ name })),
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token (`npm run token:create -- --username NAME`): reads and writes' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'sid', description: 'The signed-in browser\'s session: reads only' },
      },
    },
    paths: apiPaths,
  }, { override: ({ zodSchema, jsonSchema }) => void Object.assign(jsonSchema, FIELD_WORDS.get(zodSchema)) });
}

let cached: string | undefined;

/** GET /api/openapi.json: the same bytes every time, serialised once. */
export function openApiDocument(): RequestHandler {
  cached ??= JSON.stringify(buildApiDocument());
  const body = cached;
  return (_req, res) => void res.type('application/json').send(body);
}
