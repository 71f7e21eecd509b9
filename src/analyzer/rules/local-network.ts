// Local Network Access (https://wicg.github.io/local-network-access/), Chromium ≥ 142: the
// address-space checks that run once the endpoint's IP is known
// (local_network_access_check_result.cc). Measured in Debian Chromium 150 and 156 with
// `--ip-address-space-overrides` (test/e2e/local-network.test.ts):
//   - a public page → a local or loopback resource: blocked. From a secure context the user's
//     permission decides (LocalNetworkAccessPermissionDenied when not granted); from a non-secure
//     one it is InsecureLocalNetwork. webRequest then reports the request failing with
//     net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS and no response.
//   - a local page → a loopback resource: allowed (no permission asked).
//   - fetch(url, { targetAddressSpace }) reaching another space: InvalidLocalNetworkAccess, which
//     webRequest shows as a plain net::ERR_FAILED with no response and unchanged headers: only
//     an exchange that says `targetAddressSpace` and the resource's space can name it.

import type { AddressSpace, Exchange } from '../../exchange/types';
import type { CorsErrorCode } from '../cors-errors';
import { authorityOf } from '../../http/origin';

/** The error Chromium's network service gives a request Local Network Access refused. */
export const localNetworkBlocked = 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS';

/** Whether a request from `initiator` to `resource` needs Local Network Access's consent. */
export function needsLocalNetworkAccess(resource: AddressSpace, initiator: AddressSpace): boolean {
  return initiator === 'public' && resource !== 'public';
}

/** The host of a URL without its port, lower case (`[::1]` keeps its brackets). */
function hostnameOf(url: string): string | null {
  const host = authorityOf(url)?.host.toLowerCase();
  if (!host) return null;
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

/**
 * A potentially trustworthy origin (https://w3c.github.io/webappsec-secure-contexts/): https,
 * or a loopback host. A page of such an origin is a secure context (frames aside).
 */
export function isPotentiallyTrustworthy(origin: string): boolean {
  const protocol = authorityOf(origin)?.protocol;
  if (protocol === 'https:' || protocol === 'wss:') return true;
  const host = hostnameOf(origin);
  if (!host) return false;
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '[::1]'
  );
}

/**
 * The address space of an IP-literal host, as Chromium classifies it without overrides
 * (RFC 1918, link-local, unique-local, loopback); null for names, whose address is not known.
 */
export function addressSpaceOfHost(url: string): AddressSpace | null {
  const host = hostnameOf(url);
  if (!host) return null;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'local';
    if (a === 169 && b === 254) return 'local';
    return 'public';
  }
  if (host.startsWith('[')) {
    if (host === '[::1]') return 'loopback';
    if (/^\[f[cd]/.test(host) || /^\[fe[89ab]/.test(host)) return 'local';
    return 'public';
  }
  return null;
}

export function checkLocalNetwork(exchange: Exchange): CorsErrorCode | null {
  const target = exchange.request.targetAddressSpace;
  const resource = exchange.context?.resourceAddressSpace;
  const initiator = exchange.context?.initiatorAddressSpace;
  if (target && resource && target !== resource) return 'InvalidLocalNetworkAccess';
  // Asked only when it decides: every exchange passes here, twice (both credentials modes).
  const secure = () =>
    exchange.context?.initiatorIsSecureContext ?? isPotentiallyTrustworthy(exchange.request.origin);
  // What the extension sees: Chromium's own verdict, as a network error.
  if (exchange.error === localNetworkBlocked && !exchange.response)
    return secure() ? 'LocalNetworkAccessPermissionDenied' : 'InsecureLocalNetwork';
  if (resource && initiator && needsLocalNetworkAccess(resource, initiator)) {
    if (!secure()) return 'InsecureLocalNetwork';
    // The permission check leaves no response: only then is a denial the explanation.
    if (!exchange.response && exchange.error) return 'LocalNetworkAccessPermissionDenied';
  }
  return null;
}
