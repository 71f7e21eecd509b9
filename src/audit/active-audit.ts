// The active audit's logic, without the network: the crafted origins CORScanner and Corsy
// send (an arbitrary site, null, prefix/suffix and unescaped-dot lookalikes of the trusted
// origin, an http: downgrade, a sibling subdomain, special characters), and what each
// answer means. `cors-lens audit` (src/cli/audit.ts) sends them.

import type { Header } from '../exchange/types';
import { getHeader } from '../http/header-list';
import type { Finding, Severity } from './finding';

export type ProbeKind =
  | 'trusted'
  | 'arbitrary'
  | 'null'
  | 'suffix'
  | 'prefix'
  | 'unescaped-dot'
  | 'http-downgrade'
  | 'subdomain'
  | 'special-character';

export interface Probe {
  kind: ProbeKind;
  /** The Origin header sent. */
  origin: string;
}

export interface ProbeAnswer extends Probe {
  status: number;
  headers: Header[];
}

export interface AuditFinding extends Finding {
  /** The origin that was sent. */
  origin: string;
}

const attacker = 'evil-cors-lens.example';

/** The origins to send, from the trusted one (`scheme://host[:port]`). */
export function auditProbes(trusted: string): Probe[] {
  const t = new URL(trusted);
  const scheme = t.protocol;
  const port = t.port ? `:${t.port}` : '';
  const host = t.hostname;
  const isIp = /^[\d.]+$|^\[/.test(host);
  const probes: Probe[] = [
    { kind: 'trusted', origin: t.origin },
    { kind: 'arbitrary', origin: `https://${attacker}` },
    { kind: 'null', origin: 'null' },
    { kind: 'suffix', origin: `${scheme}//${host}.${attacker}${port}` },
    { kind: 'prefix', origin: `${scheme}//evil${host}${port}` },
  ];
  if (host.includes('.') && !isIp)
    // The last dot: `app.examplexcom` passes /example.com$/ but not /example\.com$/.
    probes.push({
      kind: 'unescaped-dot',
      origin: `${scheme}//${host.replace(/\.(?=[^.]*$)/, 'x')}${port}`,
    });
  if (scheme === 'https:') probes.push({ kind: 'http-downgrade', origin: `http://${t.host}` });
  if (!isIp)
    probes.push({ kind: 'subdomain', origin: `${scheme}//cors-lens-audit.${host}${port}` });
  // Characters some browsers accept in host names (Safari: `, }, _): sloppy regexes match them.
  for (const c of ['_', '`', '}'])
    probes.push({ kind: 'special-character', origin: `${scheme}//${host}${c}.${attacker}${port}` });
  return probes;
}

interface Judged {
  id: string;
  title: string;
  /** What the bypass lets an attacker do (with credentials). */
  attack: string;
  /** Severity when credentials are allowed, and when not. */
  withCredentials: Severity;
  without: Severity;
}

const meaning: Record<Exclude<ProbeKind, 'trusted'>, Judged> = {
  arbitrary: {
    id: 'arbitrary-origin-reflected',
    title: 'Any origin is reflected',
    attack: 'any website can read these responses',
    withCredentials: 'high',
    without: 'low',
  },
  null: {
    id: 'null-origin-reflected',
    title: 'The null origin is allowed',
    attack: 'any page in a sandboxed iframe (Origin: null) can read these responses',
    withCredentials: 'high',
    without: 'low',
  },
  suffix: {
    id: 'suffix-origin-reflected',
    title: 'Origins that start with the trusted host are allowed',
    attack:
      'an attacker registers a domain such as TRUSTED.attacker.example and reads these responses (the check is a prefix match or an unanchored regex)',
    withCredentials: 'high',
    without: 'low',
  },
  prefix: {
    id: 'prefix-origin-reflected',
    title: 'Origins that end with the trusted host are allowed',
    attack:
      'an attacker registers evilTRUSTED (e.g. evilexample.com) and reads these responses (the check is an ends-with match)',
    withCredentials: 'high',
    without: 'low',
  },
  'unescaped-dot': {
    id: 'unescaped-dot-reflected',
    title: 'A regex with an unescaped dot admits lookalike domains',
    attack:
      'the dot in the allow-list regex matches any character, so an attacker registers a lookalike domain and reads these responses',
    withCredentials: 'high',
    without: 'low',
  },
  'http-downgrade': {
    id: 'http-origin-trusted',
    title: 'The http: version of the trusted origin is allowed',
    attack:
      'anyone on the network path can inject script into the plain-HTTP page and read these responses',
    withCredentials: 'medium',
    without: 'low',
  },
  subdomain: {
    id: 'any-subdomain-trusted',
    title: 'Any subdomain of the trusted host is allowed',
    attack: 'one XSS or taken-over subdomain is enough to read these responses',
    withCredentials: 'medium',
    without: 'low',
  },
  'special-character': {
    id: 'special-character-reflected',
    title: 'Origins with special characters after the trusted host are allowed',
    attack:
      'browsers that accept such host names (Safari) let an attacker domain pass the check and read these responses',
    withCredentials: 'high',
    without: 'low',
  },
};

const fixText =
  'Compare the Origin with an exact list of allowed origins (full string equality, scheme and port included); never reflect it unchecked, never use prefix, suffix or unanchored regex matching, never allow `null`; send `Vary: Origin`.';

/** The findings for the answers to `auditProbes`. A safe exact allow-list gives only info. */
export function judgeAudit(answers: readonly ProbeAnswer[]): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const answer of answers) {
    const acao = getHeader(answer.headers, 'access-control-allow-origin');
    const credentials = getHeader(answer.headers, 'access-control-allow-credentials') === 'true';
    const evidence = [
      `sent Origin: ${answer.origin}`,
      `status ${answer.status}`,
      ...answer.headers
        .filter((h) => /^(access-control-allow-(origin|credentials)|vary)$/i.test(h.name))
        .map((h) => `${h.name}: ${h.value}`),
    ];
    if (answer.kind === 'trusted') {
      findings.push({
        id:
          acao === answer.origin || acao === '*'
            ? 'trusted-origin-allowed'
            : 'trusted-origin-not-allowed',
        severity: 'info',
        origin: answer.origin,
        title:
          acao === answer.origin || acao === '*'
            ? 'The trusted origin is allowed'
            : 'The trusted origin is not allowed',
        risk: 'The baseline: how the server answers the origin you trust.',
        evidence,
        confirm: null,
        fix: '',
      });
      continue;
    }
    if (acao === '*' && answer.kind === 'arbitrary') {
      findings.push({
        id: 'wildcard-origin',
        severity: credentials ? 'low' : 'info',
        origin: answer.origin,
        title: 'Access-Control-Allow-Origin: *',
        risk: credentials
          ? 'Every origin may read responses without credentials; `*` with Access-Control-Allow-Credentials: true is rejected by browsers, so credentialed use fails.'
          : 'Every origin may read responses sent without credentials: fine for public data, a leak for data protected only by the network (intranets, IP allow-lists).',
        evidence,
        confirm: null,
        fix: 'Keep `*` only for public data; for private data use an exact allow-list.',
      });
      continue;
    }
    if (acao !== answer.origin) continue;
    const m = meaning[answer.kind];
    findings.push({
      id: m.id,
      severity: credentials ? m.withCredentials : m.without,
      origin: answer.origin,
      title: `${m.title}${credentials ? ', with credentials' : ''}`,
      risk: credentials
        ? `Echoed with Access-Control-Allow-Credentials: true: ${m.attack}, with the visitor’s cookies (account data, CSRF tokens).`
        : `Echoed without credentials: ${m.attack} — only what it returns without cookies, which still matters for data protected by the network.`,
      evidence,
      confirm: null,
      fix: fixText,
    });
  }
  return findings;
}
