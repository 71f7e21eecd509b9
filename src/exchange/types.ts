// The exchange: one cross-origin request as observed, the input of the analyzer and of
// `cors-lens analyze`. This shape is a public contract (docs/contracts.md, "Exchange JSON").

export interface Header {
  name: string;
  value: string;
}

export type CredentialsMode = 'include' | 'same-origin' | 'omit';
export type RequestMode = 'cors' | 'no-cors' | 'same-origin' | 'navigate';
export type RedirectMode = 'follow' | 'manual' | 'error';
export type AddressSpace = 'local' | 'loopback' | 'public';

/**
 * What made the request, as Chrome names it in "Access to <kind> at ...". webRequest's
 * `xmlhttprequest` covers both fetch() and XMLHttpRequest; absent means fetch.
 */
export type InitiatorKind =
  | 'fetch'
  | 'XMLHttpRequest'
  | 'script'
  | 'image'
  | 'font'
  | 'CSS stylesheet'
  | 'audio'
  | 'video'
  | 'manifest'
  | 'text track'
  | 'other';

export interface ObservedRequest {
  method: string;
  url: string;
  /** The requesting document's origin (`null` for opaque origins). */
  origin: string;
  /** Absent: unknown (the extension never sees it). */
  credentials?: CredentialsMode;
  /** Absent: unknown, assumed `cors`. */
  mode?: RequestMode;
  redirect?: RedirectMode;
  targetAddressSpace?: AddressSpace;
  /** Headers of the actual request as sent; empty when it was never sent (failed preflight). */
  headers: Header[];
  kind?: InitiatorKind;
}

export interface ObservedPreflight {
  url?: string;
  requestHeaders: Header[];
  /** Absent when the preflight got no HTTP response (see `error`). */
  status?: number;
  headers: Header[];
  /** The network error when the preflight got no HTTP response, e.g. `net::ERR_CONNECTION_REFUSED`. */
  error?: string;
}

export interface ObservedResponse {
  url?: string;
  status: number;
  headers: Header[];
}

/** A redirect of the actual request, and the preflight sent for its `Location`, if any. */
export interface ObservedRedirect {
  url: string;
  status: number;
  headers: Header[];
  preflight?: ObservedPreflight | null;
}

export interface ExchangeContext {
  initiatorAddressSpace?: AddressSpace;
  resourceAddressSpace?: AddressSpace;
  initiatorIsSecureContext?: boolean;
  /**
   * The observer could not see the credentials mode, nor whether the page got the response
   * (Firefox's webRequest): where the mode decides, the verdict is `uncertain`, never `ok`.
   */
  credentialsHidden?: boolean;
}

export interface Exchange {
  request: ObservedRequest;
  preflight?: ObservedPreflight | null;
  response?: ObservedResponse | null;
  redirects?: ObservedRedirect[];
  context?: ExchangeContext;
  /** The browser's network error for the actual request, e.g. `net::ERR_FAILED`. */
  error?: string;
  /**
   * True when the browser is known to have delivered the response to the page (webRequest's
   * `onCompleted` in Chromium). Absent: unknown. An extension to the contract: it lets the
   * analyzer tell "the browser accepted it" from "nobody said".
   */
  completed?: boolean;
}
