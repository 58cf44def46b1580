import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import type { Level } from '../auth/access.js';
import { errorResponse } from './response.schemas.js';

/**
 * One operation of the OpenAPI document as the API's routes behave: a read takes a token or the
 * browser's session, a write a token; each lists the refusals it can meet (status and the one
 * error shape) and names the access its route declares (`x-access`).
 */

const ERROR_WORDS: Record<number, string> = {
  400: 'A query date outside 1900-01-01 … 2100-12-31, a body that is not JSON or not UTF-8',
  401: 'No session and no token, or a token that is not valid (`WWW-Authenticate: Bearer`)',
  403: 'The role, or the editor\'s scope, does not allow it; a write with a session cookie instead of a token; a password to change first',
  404: 'A unit, change or plan that the request names does not exist',
  409: 'The tree refuses the change (`rule` names why; `conflictingChange` for a back-dated change that a later one depends on)',
  413: 'The body is larger than 20 MB',
  422: 'Input that fails its schema (every field\'s message) or names nothing (`UNKNOWN_UNIT`, `UNKNOWN_RULE`, …)',
  500: 'The server\'s own failure; quote `requestId`',
  503: 'Starting, or the database is busy (`Retry-After: 2`) or unreachable: nothing was saved',
};

const json = (schema: z.ZodType, description: string, type = 'application/json') => ({ description, content: { [type]: { schema } } });

/** The headers some refusals carry, beside the body. */
const ERROR_HEADERS: Record<number, z.ZodObject> = {
  401: z.object({ 'WWW-Authenticate': z.literal('Bearer').optional().meta({ description: 'When the token sent is not valid' }) }),
  503: z.object({ 'Retry-After': z.string().optional().meta({ description: 'Seconds: when the database is busy' }) }),
};

function responses(status: number, body: z.ZodType, description: string, errors: number[], type?: string, headers?: z.ZodObject): ZodOpenApiResponsesObject {
  const refused = Object.fromEntries(errors.map((s) => [String(s), { ...json(errorResponse, ERROR_WORDS[s]), headers: ERROR_HEADERS[s] }]));
  return { [String(status)]: { ...json(body, description, type), headers }, ...refused };
}

const READ_ERRORS = [400, 401, 403, 422, 500, 503];
const WRITE_ERRORS = [400, 401, 403, 409, 413, 422, 500, 503];
const withNotFound = (list: number[]) => [...list, 404].sort((a, b) => a - b);

/** What each parameter means, for the reader: the handlers' own schemas say what is accepted. */
const PARAM_WORDS: Record<string, string> = {
  id: 'The internal id',
  lang: '`en` for English messages (or `Accept-Language: en`)',
  at: 'The date to look at (today in Vietnam by default)',
  root: 'The unit whose subtree is meant: an official code or `id:N`',
  depth: 'Levels below the root (ignored without `root`: the provinces only)',
  code: 'An official code',
  from: 'The earlier date', to: 'The later date',
  includeVoided: '`true` to list voided changes too',
  q: 'Words of the name (each starts a word of the unit\'s or an ancestor\'s name), a code or `id:N`',
  under: 'Instead of `q`: the units directly under this one (`top`: the top level)',
  offset: 'How many hits to skip', limit: 'How many hits to give',
  kind: 'Only units of this kind are classified (counts cover every kind)',
  only: '`changes`: leave out the units that did not change',
  part: 'Without `root`: the province whose units are listed',
  rule: 'The merger rule\'s key (the rule in force on `at` by default)',
  page: 'Not used by the API (the page\'s pagination)',
  status: 'Only the plans of this status',
  includeRetired: '`true` to list retired targets too',
};

/** The handler's own query schema, each parameter with its words (a copy for the document: refinements stay with the original). */
const described = (query: z.ZodObject) =>
  z.object(Object.fromEntries(Object.entries(query.shape).map(([k, v]) => [k, PARAM_WORDS[k] ? (v as z.ZodType).meta({ description: PARAM_WORDS[k] }) : v])));

export const langQuery = z.object({ lang: z.string().optional() });
const readSecurity: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];

export type Op = ZodOpenApiOperationObject & { 'x-access': Level };

export interface Options { path?: z.ZodObject; notFound?: boolean; description?: string; type?: string; headers?: z.ZodObject }

export function read(tag: string, summary: string, query: z.ZodObject, body: z.ZodType, opts: Options = {}): Op {
  return {
    tags: [tag], summary, description: opts.description, security: readSecurity, 'x-access': 'signed-in',
    requestParams: { query: described(query), ...(opts.path ? { path: described(opts.path) } : {}) },
    responses: responses(200, body, 'OK', opts.notFound ? withNotFound(READ_ERRORS) : READ_ERRORS, opts.type),
  };
}

export function write(tag: string, summary: string, request: z.ZodType, status: number, body: z.ZodType, opts: Options = {}): Op {
  return {
    tags: [tag], summary, description: opts.description, security: [{ bearerToken: [] }], 'x-access': 'editor',
    requestParams: { query: described(langQuery), ...(opts.path ? { path: described(opts.path) } : {}) },
    requestBody: { required: true, content: { 'application/json': { schema: request } } },
    responses: responses(status, body, status === 201 ? 'Recorded' : 'OK', opts.notFound ? withNotFound(WRITE_ERRORS) : WRITE_ERRORS, undefined, opts.headers),
  };
}
