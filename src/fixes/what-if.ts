// The what-if editor's model: the captured exchange with the server's headers replaced,
// re-analyzed locally. Nothing is sent anywhere.

import type { Exchange, Header } from '../exchange/types';
import type { Verdict } from '../analyzer/verdict';
import { requestFacts } from '../analyzer/request-facts';
import type { CorsPolicy } from './policy';
import { needsCredentials } from './policy';
import { policyHeaders } from './policy-headers';

export interface HeaderText {
  headers: Header[];
  /** One message per line we could not read. */
  errors: string[];
}

const headerLine = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[\t ]*(.*)$/;

/** `Name: value` lines, as the editor shows them. */
export function parseHeaderLines(text: string): HeaderText {
  const headers: Header[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const match = headerLine.exec(line);
    if (!match) errors.push(`Line ${index + 1}: expected "Name: value"`);
    else headers.push({ name: match[1] ?? '', value: (match[2] ?? '').trim() });
  });
  return { headers, errors };
}

export function formatHeaderLines(headers: readonly Header[]): string {
  return headers.map((h) => `${h.name}: ${h.value}`).join('\n');
}

export interface Edited {
  /** The preflight response's headers; ignored when there is no preflight. */
  preflight?: Header[];
  response?: Header[];
}

/** The exchange as if the server had sent these headers. */
export function withServerHeaders(exchange: Exchange, edited: Edited): Exchange {
  const next: Exchange = { ...exchange, error: undefined, completed: undefined };
  if (edited.preflight && exchange.preflight)
    next.preflight = { ...exchange.preflight, error: undefined, headers: edited.preflight };
  if (edited.response)
    next.response = {
      url: exchange.request.url,
      status: 200,
      ...exchange.response,
      headers: edited.response,
    };
  return next;
}

const corsHeader = /^access-control-(allow|expose|max-age)/i;

function replaceCors(headers: readonly Header[], cors: Header[]): Header[] {
  return [
    ...headers.filter((h) => !corsHeader.test(h.name) && h.name.toLowerCase() !== 'vary'),
    ...cors,
  ];
}

/** The exchange with the fix's policy applied: what the server would send after the fix. */
export function withPolicy(exchange: Exchange, verdict: Verdict, policy: CorsPolicy): Exchange {
  const origin = requestFacts(exchange).origin;
  const { preflight, actual } = policyHeaders(policy, origin);
  const next: Exchange = {
    ...exchange,
    error: undefined,
    completed: undefined,
    request: {
      ...exchange.request,
      credentials:
        exchange.request.credentials ??
        (needsCredentials(exchange, verdict)
          ? 'include'
          : verdict.credentials.mode === 'omit'
            ? 'omit'
            : undefined),
    },
  };
  if (exchange.preflight) {
    const status = exchange.preflight.status;
    next.preflight = {
      ...exchange.preflight,
      error: undefined,
      status: status !== undefined && status >= 200 && status < 300 ? status : 204,
      headers: replaceCors(exchange.preflight.headers, preflight),
    };
  }
  next.response = {
    url: exchange.request.url,
    status: 200,
    ...exchange.response,
    headers: replaceCors(exchange.response?.headers ?? [], actual),
  };
  return next;
}
