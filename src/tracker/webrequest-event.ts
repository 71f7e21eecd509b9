// The webRequest events the tracker uses, as plain records. The extension's listeners pass
// Chromium's (or Firefox's) details objects through `toTrackerEvent`; the pairing machine
// and its tests only ever see these records.

import type { Header } from '../exchange/types';
import { authorityOf } from '../http/origin';

export type TrackerEventKind = 'send-headers' | 'headers-received' | 'completed' | 'error';

export interface TrackerEvent {
  kind: TrackerEventKind;
  requestId: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  url: string;
  method: string;
  /** webRequest's resource type (`xmlhttprequest`, `font`, ...). */
  type: string;
  /** The origin of the document that made the request. */
  initiator?: string;
  timeStamp: number;
  requestHeaders?: Header[];
  statusCode?: number;
  responseHeaders?: Header[];
  error?: string;
}

/** The webRequest resource types recorded: not navigations (main_frame/sub_frame), which CORS does not apply to. */
export const recordedResourceTypes = [
  'xmlhttprequest',
  'font',
  'script',
  'image',
  'media',
  'stylesheet',
  'other',
] as const;

/** The fields of a webRequest details object that the tracker reads. */
export interface WebRequestDetails {
  requestId: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  url: string;
  method: string;
  type: string;
  initiator?: string;
  originUrl?: string;
  timeStamp: number;
  requestHeaders?: { name: string; value?: string; binaryValue?: ArrayLike<number> }[];
  responseHeaders?: { name: string; value?: string; binaryValue?: ArrayLike<number> }[];
  statusCode?: number;
  error?: string;
}

function headerList(headers: WebRequestDetails['requestHeaders']): Header[] {
  return (headers ?? []).map((header) => ({
    name: header.name,
    value: header.value ?? String.fromCharCode(...Array.from(header.binaryValue ?? [])),
  }));
}

/** The origin of the document that made the request (Chromium's `initiator`, Firefox's `originUrl`). */
export function initiatorOf(details: WebRequestDetails): string | undefined {
  if (details.initiator) return details.initiator;
  // Firefox gives the document URL instead of an initiator origin.
  if (details.originUrl) {
    try {
      return new URL(details.originUrl).origin;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function toTrackerEvent(kind: TrackerEventKind, details: WebRequestDetails): TrackerEvent {
  const event: TrackerEvent = {
    kind,
    requestId: String(details.requestId),
    tabId: details.tabId,
    frameId: details.frameId,
    url: details.url,
    method: details.method,
    type: details.type,
    timeStamp: details.timeStamp,
  };
  const initiator = initiatorOf(details);
  if (initiator) event.initiator = initiator;
  if (details.documentId) event.documentId = details.documentId;
  if (details.requestHeaders) event.requestHeaders = headerList(details.requestHeaders);
  if (details.responseHeaders) event.responseHeaders = headerList(details.responseHeaders);
  if (details.statusCode !== undefined) event.statusCode = details.statusCode;
  if (details.error) event.error = details.error;
  return event;
}

/**
 * A request the tracker cares about: cross-origin to the page that made it, or to the page
 * whose service or shared worker made it (tabId -1 with a web page's origin as initiator;
 * other tab-less requests, the browser's own or extensions', are not a page's).
 */
export function isCrossOriginFromPage(
  event: Pick<TrackerEvent, 'tabId' | 'url' | 'initiator'>,
): boolean {
  if (!event.initiator) return false;
  if (event.tabId < 0 && !/^https?:\/\//.test(event.initiator)) return false;
  // Every event of every request passes here: the analyzer's cached URL reader, not `new URL`.
  const target = authorityOf(event.url);
  if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) return false;
  return target.origin !== event.initiator;
}
