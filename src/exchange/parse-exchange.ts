// Validates untrusted JSON into an Exchange, naming the field at fault. Unknown fields are
// ignored; missing optional ones take their documented defaults.

import type {
  AddressSpace,
  CredentialsMode,
  Exchange,
  ExchangeContext,
  Header,
  InitiatorKind,
  ObservedPreflight,
  ObservedRedirect,
  ObservedResponse,
  RedirectMode,
  RequestMode,
} from './types';

export class ExchangeInputError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ExchangeInputError';
  }
}

type Json = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ExchangeInputError(field, `expected an object, got ${describe(value)}`);
  }
  return value as Json;
}

function string(value: unknown, field: string): string {
  if (typeof value !== 'string')
    throw new ExchangeInputError(field, `expected a string, got ${describe(value)}`);
  return value;
}

function optionalString(value: unknown, field: string): string | undefined {
  return value === undefined || value === null ? undefined : string(value, field);
}

function status(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 999) {
    throw new ExchangeInputError(
      field,
      `expected an HTTP status (an integer 0–999), got ${describe(value)}`,
    );
  }
  return value;
}

function oneOf<T extends string>(
  value: unknown,
  field: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ExchangeInputError(
      field,
      `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(value)}`,
    );
  }
  return value as T;
}

function url(value: unknown, field: string): string {
  const text = string(value, field);
  try {
    new URL(text);
  } catch {
    throw new ExchangeInputError(
      field,
      `not an absolute URL: ${JSON.stringify(text.slice(0, 80))}`,
    );
  }
  return text;
}

/** Headers as `[{name, value}]` (the contract), or leniently `[[name, value]]` or `{name: value}`. */
function headers(value: unknown, field: string): Header[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      const at = `${field}[${index}]`;
      if (Array.isArray(item))
        return { name: string(item[0], `${at}[0]`), value: headerValue(item[1], `${at}[1]`) };
      const header = object(item, at);
      return {
        name: string(header.name, `${at}.name`),
        value: headerValue(header.value, `${at}.value`),
      };
    });
  }
  const map = object(value, field);
  return Object.entries(map).map(([name, v]) => ({
    name,
    value: headerValue(v, `${field}.${name}`),
  }));
}

function headerValue(value: unknown, field: string): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return string(value, field);
}

const credentialsModes: readonly CredentialsMode[] = ['include', 'same-origin', 'omit'];
const requestModes: readonly RequestMode[] = ['cors', 'no-cors', 'same-origin', 'navigate'];
const redirectModes: readonly RedirectMode[] = ['follow', 'manual', 'error'];
const addressSpaces: readonly AddressSpace[] = ['local', 'loopback', 'public'];
const kinds: readonly InitiatorKind[] = [
  'fetch',
  'XMLHttpRequest',
  'script',
  'image',
  'font',
  'CSS stylesheet',
  'audio',
  'video',
  'manifest',
  'text track',
  'other',
];

function preflight(value: unknown, field: string): ObservedPreflight | null {
  if (value === undefined || value === null) return null;
  const p = object(value, field);
  const result: ObservedPreflight = {
    requestHeaders: headers(p.requestHeaders, `${field}.requestHeaders`),
    headers: headers(p.headers, `${field}.headers`),
  };
  const u = optionalString(p.url, `${field}.url`);
  if (u !== undefined) result.url = url(u, `${field}.url`);
  if (p.status !== undefined && p.status !== null)
    result.status = status(p.status, `${field}.status`);
  const error = optionalString(p.error, `${field}.error`);
  if (error !== undefined) result.error = error;
  if (result.status === undefined && result.error === undefined && result.headers.length > 0) {
    throw new ExchangeInputError(
      `${field}.status`,
      'missing: a preflight with response headers needs its status',
    );
  }
  return result;
}

function response(value: unknown, field: string): ObservedResponse | null {
  if (value === undefined || value === null) return null;
  const r = object(value, field);
  const result: ObservedResponse = {
    status: status(r.status, `${field}.status`),
    headers: headers(r.headers, `${field}.headers`),
  };
  const u = optionalString(r.url, `${field}.url`);
  if (u !== undefined) result.url = url(u, `${field}.url`);
  return result;
}

function redirects(value: unknown, field: string): ObservedRedirect[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new ExchangeInputError(field, `expected an array, got ${describe(value)}`);
  return value.map((item, index) => {
    const at = `${field}[${index}]`;
    const r = object(item, at);
    return {
      url: url(r.url, `${at}.url`),
      status: status(r.status, `${at}.status`),
      headers: headers(r.headers, `${at}.headers`),
      preflight: preflight(r.preflight, `${at}.preflight`),
    };
  });
}

function context(value: unknown, field: string): ExchangeContext | undefined {
  if (value === undefined || value === null) return undefined;
  const c = object(value, field);
  const result: ExchangeContext = {};
  const initiator = oneOf(c.initiatorAddressSpace, `${field}.initiatorAddressSpace`, addressSpaces);
  const resource = oneOf(c.resourceAddressSpace, `${field}.resourceAddressSpace`, addressSpaces);
  if (initiator) result.initiatorAddressSpace = initiator;
  if (resource) result.resourceAddressSpace = resource;
  for (const flag of ['initiatorIsSecureContext', 'credentialsHidden'] as const) {
    const value = c[flag];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'boolean')
      throw new ExchangeInputError(
        `${field}.${flag}`,
        `expected true or false, got ${describe(value)}`,
      );
    result[flag] = value;
  }
  return result;
}

export function parseExchange(value: unknown, field = 'exchange'): Exchange {
  const e = object(value, field);
  const r = object(e.request, `${field}.request`);
  const requestHeaders = headers(r.headers, `${field}.request.headers`);
  const method = string(r.method, `${field}.request.method`);
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method)) {
    throw new ExchangeInputError(
      `${field}.request.method`,
      `not an HTTP method: ${JSON.stringify(method.slice(0, 40))}`,
    );
  }
  const exchange: Exchange = {
    request: {
      method,
      url: url(r.url, `${field}.request.url`),
      origin: '',
      headers: requestHeaders,
    },
    preflight: preflight(e.preflight, `${field}.preflight`),
    response: response(e.response, `${field}.response`),
    redirects: redirects(e.redirects, `${field}.redirects`),
  };
  const originHeader = [...requestHeaders, ...(exchange.preflight?.requestHeaders ?? [])].find(
    (h) => h.name.toLowerCase() === 'origin',
  );
  const origin = optionalString(r.origin, `${field}.request.origin`) ?? originHeader?.value;
  if (origin === undefined) {
    throw new ExchangeInputError(
      `${field}.request.origin`,
      'missing (and no Origin request header to take it from)',
    );
  }
  exchange.request.origin = origin.trim();
  const credentials = oneOf(r.credentials, `${field}.request.credentials`, credentialsModes);
  const mode = oneOf(r.mode, `${field}.request.mode`, requestModes);
  const redirect = oneOf(r.redirect, `${field}.request.redirect`, redirectModes);
  const target = oneOf(r.targetAddressSpace, `${field}.request.targetAddressSpace`, addressSpaces);
  const kind = oneOf(r.kind, `${field}.request.kind`, kinds);
  if (credentials) exchange.request.credentials = credentials;
  if (mode) exchange.request.mode = mode;
  if (redirect) exchange.request.redirect = redirect;
  if (target) exchange.request.targetAddressSpace = target;
  if (kind) exchange.request.kind = kind;
  const ctx = context(e.context, `${field}.context`);
  if (ctx) exchange.context = ctx;
  const error = optionalString(e.error, `${field}.error`);
  if (error !== undefined && error !== '') exchange.error = error;
  if (e.completed !== undefined && e.completed !== null) {
    if (typeof e.completed !== 'boolean')
      throw new ExchangeInputError(
        `${field}.completed`,
        `expected true or false, got ${describe(e.completed)}`,
      );
    exchange.completed = e.completed;
  }
  return exchange;
}

/** One exchange or an array of them, from JSON text. */
export function parseExchangesJson(text: string): Exchange[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ExchangeInputError(
      'input',
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (Array.isArray(value))
    return value.map((item, index) => parseExchange(item, `input[${index}]`));
  return [parseExchange(value, 'input')];
}
