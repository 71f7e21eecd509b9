// `cors-lens audit URL`: sends the crafted origins of src/audit/active-audit.ts to the one
// URL given (and nowhere else), one GET each, the way CORScanner and Corsy probe.

import {
  auditProbes,
  judgeAudit,
  type AuditFinding,
  type ProbeAnswer,
} from '../audit/active-audit';
import type { Header } from '../exchange/types';
import { NetworkError, send, userAgent, type Answer } from './check';

export interface AuditOptions {
  url: string;
  /** The origin the server is meant to trust; default: the URL's own origin. */
  trusted?: string;
  /** Send a dummy cookie, as a signed-in browser would: some servers only echo then. */
  credentials: boolean;
  method?: string;
  timeoutMs?: number;
}

export interface AuditResult {
  url: string;
  trusted: string;
  credentials: boolean;
  /** `network-error` when a probe got no HTTP answer: the audit stopped there. */
  outcome: 'done' | 'network-error';
  /** Set with `network-error`: the probe's origin, Chromium's net error and the error in words. */
  unreachable?: { origin: string; networkError: string; error: string };
  findings: AuditFinding[];
  probes: {
    kind: string;
    origin: string;
    status: number;
    allowOrigin: string | null;
    allowCredentials: string | null;
  }[];
}

export async function audit(options: AuditOptions): Promise<AuditResult> {
  const trusted = options.trusted ?? new URL(options.url).origin;
  const answers: ProbeAnswer[] = [];
  let unreachable: AuditResult['unreachable'];
  for (const probe of auditProbes(trusted)) {
    const headers: Header[] = [
      { name: 'Origin', value: probe.origin },
      { name: 'Accept', value: '*/*' },
      { name: 'Sec-Fetch-Mode', value: 'cors' },
      { name: 'User-Agent', value: userAgent },
    ];
    if (options.credentials) headers.push({ name: 'Cookie', value: 'cors_lens_audit=1' });
    let answer: Answer;
    try {
      answer = await send(
        options.url,
        options.method ?? 'GET',
        headers,
        options.timeoutMs ?? 10_000,
      );
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      unreachable = { origin: probe.origin, networkError: error.netError, error: error.message };
      break;
    }
    answers.push({ ...probe, ...answer });
  }
  const value = (headers: Header[], name: string) =>
    headers.find((h) => h.name.toLowerCase() === name)?.value ?? null;
  return {
    url: options.url,
    trusted,
    credentials: options.credentials,
    outcome: unreachable ? 'network-error' : 'done',
    ...(unreachable ? { unreachable } : {}),
    // Findings from half an audit would read as a clean bill: none until every probe answered.
    findings: unreachable ? [] : judgeAudit(answers),
    probes: answers.map((a) => ({
      kind: a.kind,
      origin: a.origin,
      status: a.status,
      allowOrigin: value(a.headers, 'access-control-allow-origin'),
      allowCredentials: value(a.headers, 'access-control-allow-credentials'),
    })),
  };
}
