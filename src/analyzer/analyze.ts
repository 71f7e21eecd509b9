// The analyzer: one observed exchange in, Chromium's verdict out. Pure (no browser APIs,
// no DOM, no clock) and total: it never throws on any header bytes.

import { passiveFindings } from '../audit/passive-findings';
import type { Exchange, ObservedPreflight, RequestMode } from '../exchange/types';
import { getHeader, hasHeader, headerValues } from '../http/header-list';
import { originOf } from '../http/origin';
import { parseTokenList } from '../cors/token-list';
import { classify, classifyBothModes, type Classification } from './classify';
import { chromeConsoleMessage, firefoxConsoleMessage } from './console-message';
import { codeInfo, type CorsErrorCode } from './cors-errors';
import { buildDiff } from './diff';
import { explainDetail, summarize, type ExplainContext } from './explanations';
import { firefoxReasonFor } from './firefox-reason';
import { preflightReasons, requestFacts, type Facts } from './request-facts';
import { notCorsCauseOf, notCorsText } from './not-cors';
import { addressSpaceOfHost } from './rules/local-network';
import { checkRequestMode } from './rules/request-mode';
import { resolveLocation } from './rules/redirect';
import type { Alternative, CredentialsVerdict, KnownCredentials, Verdict } from './verdict';

/** The resource's address space for Chrome's console text: the exchange's, else the IP's. */
function resourceSpace(exchange: Exchange, url: string): { resourceAddressSpace?: string } {
  const space = exchange.context?.resourceAddressSpace ?? addressSpaceOfHost(url);
  return space ? { resourceAddressSpace: space } : {};
}

const chromeMaxAge = 7200;

function preflightFor(exchange: Exchange, hop: number): ObservedPreflight | null {
  if (hop === 0) return exchange.preflight ?? null;
  return exchange.redirects?.[hop - 1]?.preflight ?? null;
}

function lastPreflight(exchange: Exchange): ObservedPreflight | null {
  const redirects = exchange.redirects ?? [];
  for (let hop = redirects.length - 1; hop >= 0; hop--) {
    const preflight = redirects[hop]?.preflight;
    if (preflight) return preflight;
  }
  return exchange.preflight ?? null;
}

function sameResult(a: Classification, b: Classification): boolean {
  return (
    a.failure?.code === b.failure?.code &&
    a.failure?.failedParameter === b.failure?.failedParameter &&
    a.networkError?.error === b.networkError?.error &&
    a.pending === b.pending
  );
}

interface Chosen {
  result: Classification;
  includeCredentials: boolean;
  credentials: CredentialsVerdict;
  alternatives: Alternative[];
  confidence: Verdict['confidence'];
}

/** Picks the credentials mode: given, or concluded from what the browser did. */
function chooseCredentials(exchange: Exchange, facts: Facts): Chosen {
  const given = exchange.request.credentials;
  if (given) {
    const include = given === 'include';
    return {
      result: classify(exchange, facts, include),
      includeCredentials: include,
      credentials: {
        mode: include ? 'include' : 'omit',
        inferred: false,
        note:
          given === 'same-origin' ? "'same-origin' sends no credentials to another origin" : null,
      },
      alternatives: [],
      confidence: 'certain',
    };
  }
  const { omit, include } = classifyBothModes(exchange, facts);
  const alternatives = (): Alternative[] => [
    {
      credentials: 'omit',
      chromiumError: omit.failure?.code ?? null,
      failedParameter: omit.failure?.failedParameter ?? null,
    },
    {
      credentials: 'include',
      chromiumError: include.failure?.code ?? null,
      failedParameter: include.failure?.failedParameter ?? null,
    },
  ];
  const pick = (
    mode: KnownCredentials,
    inferred: boolean,
    note: string,
    confidence: Verdict['confidence'],
  ): Chosen => ({
    result: mode === 'include' ? include : omit,
    includeCredentials: mode === 'include',
    credentials: { mode, inferred, note },
    alternatives: confidence === 'uncertain' ? alternatives() : [],
    confidence,
  });
  if (sameResult(omit, include)) {
    return {
      result: omit,
      includeCredentials: false,
      credentials: {
        mode: 'unknown',
        inferred: false,
        note: 'the verdict is the same with or without credentials',
      },
      alternatives: [],
      confidence: 'certain',
    };
  }
  if (hasHeader(exchange.request.headers, 'cookie')) {
    return pick(
      'include',
      true,
      'the request carried a Cookie header, which a cross-origin request only sends with credentials: include',
      'inferred',
    );
  }
  // An Authorization header the preflight did not ask for came from the browser's own HTTP
  // authentication cache, which it uses only with credentials (a page's own Authorization is
  // CORS-unsafe and always listed in Access-Control-Request-Headers).
  const asked = getHeader(
    exchange.preflight?.requestHeaders ?? [],
    'access-control-request-headers',
  );
  if (
    exchange.preflight &&
    hasHeader(exchange.request.headers, 'authorization') &&
    !(asked ?? '')
      .toLowerCase()
      .split(',')
      .map((n) => n.trim())
      .includes('authorization')
  ) {
    return pick(
      'include',
      true,
      "the request carried an Authorization header its preflight did not ask for: the browser's HTTP authentication, sent only with credentials: include",
      'inferred',
    );
  }
  const browserFailed = exchange.error !== undefined && exchange.error !== '';
  if (browserFailed && !omit.failure && include.failure) {
    return pick(
      'include',
      true,
      'the headers pass without credentials, yet the browser blocked the request: it must have been sent with credentials',
      'inferred',
    );
  }
  if (exchange.completed === true && !omit.failure && include.failure) {
    return pick(
      'omit',
      true,
      'the browser delivered the response, which it would not have done with credentials',
      'inferred',
    );
  }
  return pick(
    'omit',
    false,
    "unknown: assumed fetch's default (no credentials to another origin); see alternatives for what credentials: 'include' would give",
    'uncertain',
  );
}

function diffFor(
  exchange: Exchange,
  facts: Facts,
  chosen: Chosen,
  decisivePreflight: ObservedPreflight | null,
): Verdict['diff'] {
  const { credentials, confidence, result } = chosen;
  const failure = result.failure;
  const credentialsLabel =
    credentials.mode === 'unknown'
      ? 'unknown (does not matter)'
      : `${credentials.mode}${credentials.inferred ? ' (inferred)' : confidence === 'uncertain' ? ' (assumed)' : ''}`;
  return buildDiff({
    exchange,
    origin: result.effectiveOrigin,
    method: facts.method,
    unsafeHeaders: facts.unsafeHeaders,
    includeCredentials: chosen.includeCredentials,
    credentialsLabel,
    needsPreflight: facts.needsPreflight,
    preflight: decisivePreflight,
    decisiveDimension: failure ? codeInfo[failure.code].dimension : null,
    decisiveName: failure?.failedParameter ?? null,
  });
}

function crossesOrigins(exchange: Exchange, origin: string): boolean {
  if (originOf(exchange.request.url) !== origin) return true;
  for (const redirect of exchange.redirects ?? []) {
    const location = resolveLocation(
      getHeader(redirect.headers, 'location'),
      redirect.url || exchange.request.url,
    );
    if (location && originOf(location) !== origin) return true;
  }
  return false;
}

function baseVerdict(exchange: Exchange, facts: Facts, depth: Depth): Verdict {
  return {
    outcome: 'ok',
    chromiumError: null,
    failedParameter: null,
    errorTitle: null,
    firefoxReason: null,
    firefoxMessage: null,
    consoleMessage: null,
    stage: null,
    failedUrl: null,
    networkError: null,
    needsPreflight: facts.needsPreflight,
    preflightReasons: depth === 'full' ? preflightReasons(exchange, facts) : [],
    preflight: facts.needsPreflight ? 'sent' : 'not-needed',
    credentials: { mode: 'unknown', inferred: false, note: null },
    alternatives: [],
    diff: [],
    summary: '',
    explanation: '',
    headerChanges: [],
    warnings: [],
    confidence: 'certain',
    assumptions: [],
    findings: [],
  };
}

function requestBlocked(
  exchange: Exchange,
  facts: Facts,
  code: CorsErrorCode,
  failedParameter: string | null,
  depth: Depth,
): Verdict {
  const context = new FailureContext(exchange, facts, code, failedParameter, false, null, [], null);
  const verdict = Object.assign(baseVerdict(exchange, facts, depth), {
    outcome: 'blocked',
    chromiumError: code,
    failedParameter,
    errorTitle: codeInfo[code].words,
    stage: 'request',
    failedUrl: exchange.request.url,
    preflight: 'not-needed',
    summary: summarize(context),
  } satisfies Partial<Verdict>);
  if (depth === 'core') return verdict;
  const explained = explainDetail(context);
  return Object.assign(verdict, {
    firefoxReason: codeInfo[code].firefox,
    firefoxMessage: codeInfo[code].firefox
      ? firefoxConsoleMessage(codeInfo[code].firefox, {
          url: exchange.request.url,
          status: null,
          allowOrigin: null,
          token: null,
          header: null,
        })
      : null,
    consoleMessage: chromeConsoleMessage(code, {
      kind: exchange.request.kind ?? 'fetch',
      initialUrl: exchange.request.url,
      failedUrl: exchange.request.url,
      origin: facts.origin,
      failedParameter,
    }),
    explanation: explained.explanation,
    headerChanges: explained.headerChanges,
  } satisfies Partial<Verdict>);
}

/**
 * What the words for a failure quote. The failing response's headers are read only when the
 * words quote them: the summary the tracker records for every blocked request quotes them for
 * few codes. (A class: an object literal with getters was slower to build than the reads.)
 */
class FailureContext implements ExplainContext {
  readonly pageOrigin: string;
  readonly method: string;
  readonly unsafeHeaders: readonly string[];
  readonly targetAddressSpace: string | null;
  readonly resourceAddressSpace: string | null;

  constructor(
    exchange: Exchange,
    facts: Facts,
    readonly code: CorsErrorCode,
    readonly failedParameter: string | null,
    readonly onPreflight: boolean,
    readonly credentialsInference: string | null,
    private readonly headers: Exchange['request']['headers'],
    readonly status: number | null,
    readonly url = exchange.request.url,
    readonly origin = facts.origin,
  ) {
    this.pageOrigin = exchange.request.origin || facts.origin;
    this.method = facts.method;
    this.unsafeHeaders = facts.unsafeHeaders;
    this.targetAddressSpace = exchange.request.targetAddressSpace ?? null;
    // Without the exchange's word, an IP literal's own space (webRequest gives no IP on errors).
    this.resourceAddressSpace =
      exchange.context?.resourceAddressSpace ?? addressSpaceOfHost(url) ?? null;
  }

  get allowOrigin() {
    return getHeader(this.headers, 'access-control-allow-origin');
  }
  get allowOriginLines() {
    return headerValues(this.headers, 'access-control-allow-origin').length;
  }
  get allowCredentials() {
    return getHeader(this.headers, 'access-control-allow-credentials');
  }
  get allowMethods() {
    return getHeader(this.headers, 'access-control-allow-methods');
  }
  get allowHeaders() {
    return getHeader(this.headers, 'access-control-allow-headers');
  }
  get location() {
    return resolveLocation(getHeader(this.headers, 'location'), this.url);
  }
}

/** The bad token Firefox names in CORSInvalidAllowMethod / CORSInvalidAllowHeader. */
function badToken(headers: Exchange['request']['headers'], name: string): string | null {
  const parsed = parseTokenList(getHeader(headers, name));
  return parsed.ok ? null : parsed.badToken;
}

function warningsFor(exchange: Exchange, result: Classification): string[] {
  const warnings: string[] = [];
  if (result.authorizationCoveredByWildcard) {
    warnings.push(
      'Authorization passes only through `Access-Control-Allow-Headers: *`. The Fetch standard says `*` never covers Authorization; Chrome still lets it through without credentials but reports it as deprecated (AuthorizationCoveredByWildcard). List `authorization` by name.',
    );
  }
  for (const preflight of [
    exchange.preflight,
    ...(exchange.redirects ?? []).map((r) => r.preflight),
  ]) {
    const maxAge = preflight ? getHeader(preflight.headers, 'access-control-max-age') : null;
    if (maxAge !== null && /^\d+$/.test(maxAge) && Number(maxAge) > chromeMaxAge) {
      warnings.push(
        `Access-Control-Max-Age ${maxAge} is above Chrome's cap: Chrome caches this preflight for ${chromeMaxAge} s (2 hours), Firefox for at most 86400 s.`,
      );
    }
  }
  return warnings;
}

const requestModes = new Set<string>([
  'cors',
  'no-cors',
  'same-origin',
  'navigate',
] satisfies RequestMode[]);

/**
 * The request mode, when the exchange does not give it: the browser says it in
 * `Sec-Fetch-Mode` (sent to potentially trustworthy URLs), and a CORS request always carries
 * `Origin`, so a full browser header set without one was not a CORS request.
 */
function observedMode(exchange: Exchange): {
  mode: RequestMode | undefined;
  assumption: string | null;
} {
  const { request } = exchange;
  if (request.mode) return { mode: request.mode, assumption: null };
  const secFetchMode = getHeader(request.headers, 'sec-fetch-mode');
  if (secFetchMode && requestModes.has(secFetchMode)) {
    return { mode: secFetchMode as RequestMode, assumption: null };
  }
  const sentByBrowser = hasHeader(request.headers, 'user-agent');
  if (sentByBrowser && !hasHeader(request.headers, 'origin') && !exchange.preflight) {
    return {
      mode: 'no-cors',
      assumption:
        "The browser sent no Origin header, so this was not a CORS request (mode 'no-cors', e.g. an <img> or <script> without crossorigin).",
    };
  }
  return { mode: undefined, assumption: null };
}

/**
 * How much of the verdict to build. `core` is what the tracker records for every request (the
 * list's columns: outcome, code, summary, findings); `full` adds the diff, the browsers'
 * messages, the explanation and the assumptions, which are read only when a request is shown
 * or exported. Both take every decision the same way; a unit test holds them to that.
 */
type Depth = 'core' | 'full';

export function analyze(exchange: Exchange): Verdict {
  return judge(exchange, 'full');
}

/** The verdict's fields the tracker records for every request. */
export type Triage = Pick<
  Verdict,
  | 'outcome'
  | 'chromiumError'
  | 'failedParameter'
  | 'errorTitle'
  | 'summary'
  | 'preflight'
  | 'findings'
>;

/** `analyze`'s decision for one exchange, without the detail only a shown request needs. */
export function triage(exchange: Exchange): Triage {
  const { outcome, chromiumError, failedParameter, errorTitle, summary, preflight, findings } =
    judge(exchange, 'core');
  return { outcome, chromiumError, failedParameter, errorTitle, summary, preflight, findings };
}

function judge(exchange: Exchange, depth: Depth): Verdict {
  const facts = requestFacts(exchange);
  const verdict = corsVerdict(exchange, facts, depth);
  if (verdict.outcome === 'not-cors') return verdict;
  verdict.findings = passiveFindings(
    exchange,
    facts.origin,
    verdict.credentials.mode === 'include',
  );
  return verdict;
}

function corsVerdict(exchange: Exchange, facts: Facts, depth: Depth): Verdict {
  const observed = observedMode(exchange);
  const { request } = exchange;
  const mode = checkRequestMode(request, crossesOrigins(exchange, facts.origin), observed.mode);
  if (mode.kind === 'blocked')
    return requestBlocked(exchange, facts, mode.code, mode.failedParameter ?? null, depth);
  if (mode.kind === 'not-cors') {
    return Object.assign(baseVerdict(exchange, facts, depth), {
      outcome: 'not-cors',
      needsPreflight: false,
      preflightReasons: [],
      preflight: 'not-needed',
      summary: `Not subject to CORS: ${mode.reason}.`,
      explanation: `CORS checks apply to cross-origin requests in mode 'cors'. This one is not checked: ${mode.reason}.`,
      assumptions: observed.assumption ? [observed.assumption] : [],
      confidence: observed.assumption ? 'inferred' : 'certain',
    } satisfies Partial<Verdict>);
  }

  const chosen = chooseCredentials(exchange, facts);
  const { result, includeCredentials } = chosen;
  const full = depth === 'full';
  const verdict = Object.assign(baseVerdict(exchange, facts, depth), {
    credentials: chosen.credentials,
    alternatives: chosen.alternatives,
    confidence: chosen.confidence,
    warnings: full ? warningsFor(exchange, result) : [],
  } satisfies Partial<Verdict>);
  if (chosen.credentials.note && chosen.confidence !== 'certain')
    verdict.assumptions.push(`Credentials: ${chosen.credentials.note}.`);
  const anyPreflightObserved =
    Boolean(exchange.preflight) || (exchange.redirects ?? []).some((r) => r.preflight);
  if (facts.needsPreflight && result.preflightsNotObserved.length > 0) {
    verdict.assumptions.push(
      'A preflight was needed but none was observed: Chrome most likely answered it from its preflight cache (kept for Access-Control-Max-Age, 5 s by default, at most 2 hours). The verdict relies on the actual response only.',
    );
    if (!anyPreflightObserved) verdict.preflight = 'probably-cached';
    if (verdict.confidence === 'certain') verdict.confidence = 'inferred';
  }

  const failure = result.failure;
  const decisivePreflight =
    failure?.stage === 'preflight' ? preflightFor(exchange, failure.hop) : lastPreflight(exchange);
  if (full) verdict.diff = diffFor(exchange, facts, chosen, decisivePreflight);

  if (failure) {
    const onPreflight = failure.stage === 'preflight';
    const failingHeaders =
      failure.stage === 'preflight'
        ? (decisivePreflight?.headers ?? [])
        : failure.stage === 'redirect'
          ? (exchange.redirects?.[failure.hop]?.headers ?? [])
          : (exchange.response?.headers ?? []);
    const status =
      failure.stage === 'preflight'
        ? (decisivePreflight?.status ?? null)
        : failure.stage === 'redirect'
          ? (exchange.redirects?.[failure.hop]?.status ?? null)
          : (exchange.response?.status ?? null);
    const origin = failure.stage === 'request' ? facts.origin : result.effectiveOrigin;
    const context = new FailureContext(
      exchange,
      facts,
      failure.code,
      failure.failedParameter,
      onPreflight,
      chosen.credentials.inferred && includeCredentials ? chosen.credentials.note : null,
      failingHeaders,
      status,
      failure.url,
      origin,
    );
    Object.assign(verdict, {
      outcome: 'blocked',
      chromiumError: failure.code,
      failedParameter: failure.failedParameter,
      errorTitle: codeInfo[failure.code].words,
      stage: failure.stage,
      failedUrl: failure.url,
      summary: summarize(context),
    } satisfies Partial<Verdict>);
    if (!full) return verdict;
    const explained = explainDetail(context);
    const disallowedHeaders = verdict.diff
      .filter((row) => row.dimension === 'header' && row.result === 'fail')
      .map((row) => row.name);
    if (failure.code === 'HeaderDisallowedByPreflightResponse' && disallowedHeaders.length > 1) {
      verdict.assumptions.push(
        `Several request headers are not allowed (${disallowedHeaders.join(', ')}). Chrome names only one of them, chosen by its internal header order: the same one whatever order or letter case the page used, not the first alphabetically (docs/analyzer-rules.md). CORS Lens names the first alphabetically; all of them need allowing.`,
      );
    }
    const firefoxReason = firefoxReasonFor({
      code: failure.code,
      networkError: false,
      failingHeaders,
      method: facts.method,
      includeCredentials,
      stage: failure.stage,
    });
    Object.assign(verdict, {
      firefoxReason,
      firefoxMessage: firefoxReason
        ? firefoxConsoleMessage(firefoxReason, {
            url: failure.url,
            status,
            allowOrigin: getHeader(failingHeaders, 'access-control-allow-origin'),
            token: badToken(
              failingHeaders,
              firefoxReason === 'CORSInvalidAllowMethod'
                ? 'access-control-allow-methods'
                : 'access-control-allow-headers',
            ),
            header: failure.failedParameter,
          })
        : null,
      consoleMessage: chromeConsoleMessage(failure.code, {
        kind: request.kind ?? 'fetch',
        initialUrl: request.url,
        failedUrl: failure.url,
        origin: facts.origin,
        failedParameter: failure.failedParameter,
        ...(request.targetAddressSpace ? { targetAddressSpace: request.targetAddressSpace } : {}),
        ...resourceSpace(exchange, failure.url),
      }),
      explanation: explained.explanation,
      headerChanges: explained.headerChanges,
    } satisfies Partial<Verdict>);
    return verdict;
  }

  if (result.networkError) {
    const { error, stage, url } = result.networkError;
    const ambiguous = error === 'net::ERR_FAILED';
    verdict.outcome = 'network-error';
    verdict.networkError = error;
    verdict.stage = stage;
    verdict.failedUrl = url;
    const notCors = notCorsCauseOf(error);
    verdict.summary = notCors
      ? `${notCors.title} (${error}): not a CORS error.`
      : `The ${stage === 'preflight' ? 'preflight' : 'request'} to ${url} failed without an HTTP response (${error}): not a CORS error.`;
    if (!full) return verdict;
    verdict.firefoxReason = 'CORSDidNotSucceed';
    verdict.firefoxMessage = firefoxConsoleMessage('CORSDidNotSucceed', {
      url,
      status: null,
      allowOrigin: null,
      token: null,
      header: null,
    });
    verdict.consoleMessage = `${stage === 'preflight' ? 'OPTIONS' : facts.method} ${url} ${error}`;
    if (notCors) {
      verdict.notCors = notCors;
      verdict.explanation = notCorsText(notCors);
      return verdict;
    }
    verdict.explanation = ambiguous
      ? `The browser failed the ${stage === 'preflight' ? 'preflight' : 'request'} with ${error} and no response arrived, so there are no headers to check. It may be a connection that closed early, another extension blocking it, or a Local Network Access refusal: a fetch() whose targetAddressSpace option does not match the address space the server is in (Chrome's InvalidLocalNetworkAccess looks exactly like this to an extension). Check that the server at ${originOf(url)} answers (try the curl command), and the targetAddressSpace your code passes.`
      : `The ${stage === 'preflight' ? 'preflight' : 'request'} never reached a server that answered (${error}). This is a network problem, not CORS: check that the server at ${originOf(url)} is running and reachable from this machine.`;
    return verdict;
  }

  if (result.pending) {
    verdict.outcome = 'pending';
    verdict.summary = 'Waiting for the response.';
    verdict.explanation = 'The request has been sent; no response or error has been observed yet.';
    return verdict;
  }

  if (exchange.error) {
    verdict.outcome = 'network-error';
    verdict.networkError = exchange.error;
    // The headers pass: a rule other than CORS refused the response (ORB, CORP, ...).
    const notCors = notCorsCauseOf(exchange.error);
    if (notCors) {
      verdict.notCors = notCors;
      verdict.summary = `${notCors.title} (${exchange.error}): not a CORS error; the CORS headers pass.`;
      if (full) verdict.explanation = notCorsText(notCors);
      return verdict;
    }
    verdict.summary = `The browser failed the request (${exchange.error}) although its headers pass the CORS checks.`;
    verdict.explanation = `Every CORS check on the observed headers passes, yet the browser reported ${exchange.error}. The cause is not in these headers: another extension, Opaque Response Blocking, a preflight answered from the cache that CORS Lens did not see, or a credentials mode that differs from the one assumed.`;
    verdict.assumptions.push(
      'The observed headers pass; the failure came from something CORS Lens cannot see.',
    );
    verdict.confidence = 'uncertain';
    return verdict;
  }

  // After a redirect to another origin the request's origin is `null` (tainted), and `null`
  // or `*` is what the response had to permit: https://fetch.spec.whatwg.org/#concept-request-tainted-origin
  const tainted = result.effectiveOrigin === 'null' && facts.origin !== 'null';
  const permitted = tainted
    ? `the origin null (a redirect to another origin made it opaque; the page is ${facts.origin})`
    : facts.origin;
  const withCredentials = verdict.alternatives.find((a) => a.credentials === 'include');
  if (
    exchange.context?.credentialsHidden &&
    verdict.confidence === 'uncertain' &&
    withCredentials?.chromiumError
  ) {
    // Never "allowed" when it hangs on what the browser could not say.
    verdict.outcome = 'uncertain';
    verdict.summary = `Allowed without credentials; blocked (${withCredentials.chromiumError}) if the request carried credentials, which the browser did not say.`;
    verdict.explanation = `Without credentials the server allowed origin ${result.effectiveOrigin}. With credentials (cookies, fetch credentials: 'include', XMLHttpRequest withCredentials) the browser would have refused it: ${withCredentials.chromiumError}${withCredentials.failedParameter ? ` (${withCredentials.failedParameter})` : ''}. The browser's events do not show the credentials mode (Firefox never does); if your code sends credentials, fix the server for them, or check the console for Firefox's own line.`;
    return verdict;
  }
  verdict.summary = facts.needsPreflight
    ? `Allowed: the preflight and the response both permit ${permitted}.`
    : `Allowed: the response permits ${permitted}.`;
  verdict.explanation = `The server allowed origin ${result.effectiveOrigin}${facts.needsPreflight ? `, method ${facts.method}${facts.unsafeHeaders.length ? ` and headers ${facts.unsafeHeaders.join(', ')}` : ''}` : ''}${includeCredentials ? ' with credentials' : ''}, so the browser hands the response to the page.`;
  return verdict;
}
