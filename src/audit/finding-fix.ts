// The safe config for an endpoint with findings, in the user's stack: the origins it
// serves, exact, with `Vary: Origin`, no `null`, no http: origin for an https: resource,
// methods and headers by name, Max-Age within the cap, no credential-like exposed headers.

import type { Verdict } from '../analyzer/verdict';
import type { Exchange } from '../exchange/types';
import { urlParts } from '../http/origin';
import { requiredPolicy } from '../fixes/policy';
import { stacks, type StackChoice } from '../fixes/stacks';
import { detectStack } from '../fixes/detect-stack';
import { sensitiveHeaderName } from './passive-findings';

export interface FindingConfig {
  stackLabel: string;
  file: string;
  config: string;
}

export function safeConfigFor(
  exchange: Exchange,
  verdict: Verdict,
  choice: StackChoice = 'auto',
): FindingConfig | null {
  if (verdict.findings.length === 0) return null;
  const { policy } = requiredPolicy(exchange, verdict);
  const https = urlParts(exchange.request.url)?.protocol === 'https:';
  const origins = policy.origins.filter((o) => !(https && o.startsWith('http://')));
  if (origins.length === 0 && !policy.anyOrigin) return null;
  const stack = stacks[choice === 'auto' ? (detectStack(exchange)?.stack ?? 'headers') : choice];
  const path = urlParts(exchange.request.url)?.pathname ?? '/';
  return {
    stackLabel: stack.label,
    file: stack.file,
    config: stack.render(
      {
        ...policy,
        origins,
        exposeHeaders: policy.exposeHeaders.filter((h) => !sensitiveHeaderName(h)),
      },
      { path },
    ),
  };
}
