// Local Network Access (https://wicg.github.io/local-network-access/), Chromium ≥ 142:
// the address-space checks that run once the endpoint's IP is known
// (local_network_access_check_result.cc). Only decidable when the exchange says which
// address spaces were involved (`request.targetAddressSpace`, `context`).

import type { AddressSpace, Exchange } from '../../exchange/types';
import type { CorsErrorCode } from '../cors-errors';

const privacy: Record<AddressSpace, number> = { public: 0, local: 1, loopback: 2 };

export function isMorePrivate(resource: AddressSpace, initiator: AddressSpace): boolean {
  return privacy[resource] > privacy[initiator];
}

export function checkLocalNetwork(exchange: Exchange): CorsErrorCode | null {
  const target = exchange.request.targetAddressSpace;
  const resource = exchange.context?.resourceAddressSpace;
  const initiator = exchange.context?.initiatorAddressSpace;
  if (target && resource && target !== resource) return 'InvalidLocalNetworkAccess';
  if (resource && initiator && isMorePrivate(resource, initiator)) {
    if (exchange.context?.initiatorIsSecureContext === false) return 'InsecureLocalNetwork';
    // The permission check leaves no response: only then is a denial the explanation.
    if (!exchange.response && exchange.error) return 'LocalNetworkAccessPermissionDenied';
  }
  return null;
}
