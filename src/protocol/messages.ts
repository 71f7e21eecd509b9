// Every message the extension's contexts exchange, declared once. The worker, the panel
// and the popup import these types; the guards drop anything malformed on receipt.

import type { ExchangeRecord } from '../tracker/tab-log';
import type { PageRequest } from '../tracker/page-requests';
import { isStackChoice, type StackChoice } from '../fixes/stacks/stack';
import { recordScopeLimits } from '../tracker/record-scope';

export type ExportFormat = 'json' | 'markdown' | 'html';
export const exportFormats: readonly ExportFormat[] = ['json', 'markdown', 'html'];

export interface Settings {
  /** Keep a tab's log across navigations (like DevTools' "Preserve log"). */
  preserveLog: boolean;
  /** Off: the webRequest listeners are removed, so the browser pays nothing; the badge says "off". */
  recording: boolean;
  /**
   * Only requests to these servers (origins, `host:port`, `*.example.com`; see
   * `src/tracker/record-scope.ts`); empty: every server. Others are not even dispatched.
   */
  recordOnly: string[];
}

export const defaultSettings: Settings = { preserveLog: false, recording: true, recordOnly: [] };

const settingGuards: { [K in keyof Settings]: (value: unknown) => boolean } = {
  preserveLog: (value) => typeof value === 'boolean',
  recording: (value) => typeof value === 'boolean',
  recordOnly: (value) =>
    Array.isArray(value) &&
    value.length <= recordScopeLimits.entries &&
    value.every(
      (entry) => typeof entry === 'string' && entry.length <= recordScopeLimits.entryLength,
    ),
};

/** Settings as stored (possibly by an older version, or edited): the valid keys, defaults for the rest. */
export function settingsFrom(stored: unknown): Settings {
  const settings: Record<string, unknown> = { ...defaultSettings };
  if (typeof stored === 'object' && stored !== null)
    for (const [key, value] of Object.entries(stored))
      if (Object.hasOwn(settingGuards, key) && settingGuards[key as keyof Settings](value))
        settings[key] = value;
  return settings as unknown as Settings;
}

export interface ExportRequest {
  tabId: number;
  format: ExportFormat;
  /** Include cookies, Authorization and token-looking values (redacted by default). */
  includeSecrets?: boolean;
  blockedOnly?: boolean;
  /** Only these exchange ids. */
  ids?: string[];
  /** The server stack the report's fixes are written for (default `auto`). */
  stack?: StackChoice;
}

export interface ExportResult {
  content: string;
  filename: string;
  mimeType: string;
}

/** One-shot requests (`runtime.sendMessage`) and what the worker answers to each. */
export interface RequestMessages {
  'cors-lens:ping': { request: object; response: { version: string } };
  'cors-lens:export': { request: ExportRequest; response: ExportResult };
  'cors-lens:get-tab': {
    request: { tabId: number };
    response: { records: ExchangeRecord[]; paused: boolean };
  };
  /** Pauses or resumes one tab (its events are ignored; the badge says "off"). */
  'cors-lens:set-tab-recording': {
    request: { tabId: number; on: boolean };
    response: { paused: boolean };
  };
  'cors-lens:clear-tab': { request: { tabId: number }; response: { cleared: number } };
  'cors-lens:get-settings': { request: object; response: Settings };
  'cors-lens:set-settings': { request: { settings: Partial<Settings> }; response: Settings };
}

export type RequestType = keyof RequestMessages;
export type RequestMessage<K extends RequestType = RequestType> = {
  [T in K]: { type: T } & RequestMessages[T]['request'];
}[K];
export type ResponseOf<K extends RequestType> = RequestMessages[K]['response'];

/** Sent back instead of a response when the worker could not handle a request. */
export interface ErrorResponse {
  error: string;
}

const isTabId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Runtime guards: the payload of each request type, checked field by field. */
const requestGuards: { [K in RequestType]: (message: Record<string, unknown>) => boolean } = {
  'cors-lens:ping': () => true,
  'cors-lens:export': (m) =>
    isTabId(m.tabId) &&
    typeof m.format === 'string' &&
    (exportFormats as readonly string[]).includes(m.format) &&
    (m.includeSecrets === undefined || typeof m.includeSecrets === 'boolean') &&
    (m.blockedOnly === undefined || typeof m.blockedOnly === 'boolean') &&
    (m.ids === undefined ||
      (Array.isArray(m.ids) && m.ids.every((id) => typeof id === 'string'))) &&
    (m.stack === undefined || isStackChoice(m.stack)),
  'cors-lens:get-tab': (m) => isTabId(m.tabId),
  'cors-lens:set-tab-recording': (m) => isTabId(m.tabId) && typeof m.on === 'boolean',
  'cors-lens:clear-tab': (m) => isTabId(m.tabId),
  'cors-lens:get-settings': () => true,
  'cors-lens:set-settings': (m) =>
    typeof m.settings === 'object' &&
    m.settings !== null &&
    Object.entries(m.settings).every(
      ([key, value]) =>
        Object.hasOwn(settingGuards, key) && settingGuards[key as keyof Settings](value),
    ),
};

export function isRequestMessage(value: unknown): value is RequestMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  const type = message.type;
  return (
    typeof type === 'string' &&
    Object.hasOwn(requestGuards, type) &&
    requestGuards[type as RequestType](message)
  );
}

/** Long-lived subscriptions (`runtime.connect`), named `cors-lens:tab`. */
export const subscriptionPortName = 'cors-lens:tab';

/** DevTools' entries in one `devtools-har` message, at most. */
export const maxDevtoolsHarEntries = 2000;

/** client → worker */
export type SubscriptionRequest =
  /**
   * `quiet`: the DevTools page's subscription. It gets the snapshots, and of the changes only
   * workers' requests (`page-requests`), so that it costs nothing per request.
   */
  | { type: 'subscribe'; tabId: number; quiet?: boolean }
  /** DevTools' entries around a stop of the worker, for what it missed (`src/tracker/devtools-har.ts`). */
  | { type: 'devtools-har'; tabId: number; entries: unknown[] }
  /** Sent by the DevTools page every 20 s: a message keeps the worker from being stopped idle. */
  | { type: 'keepalive'; tabId: number }
  /** The page's side of requests its service worker passed on, from DevTools (`src/tracker/page-requests.ts`). */
  | { type: 'page-requests'; tabId: number; requests: PageRequest[] };

/** worker → client */
export type SubscriptionMessage =
  /** The whole log; again whenever the tab is paused or resumed. */
  | { type: 'snapshot'; tabId: number; records: ExchangeRecord[]; paused?: boolean }
  | { type: 'upsert'; record: ExchangeRecord }
  | { type: 'cleared'; tabId: number };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const isStringList = (value: unknown, limit: number): value is string[] =>
  Array.isArray(value) &&
  value.length <= limit &&
  value.every((item) => typeof item === 'string' && item.length <= 256);

function isPageRequest(value: unknown): value is PageRequest {
  return (
    isObject(value) &&
    typeof value.url === 'string' &&
    typeof value.method === 'string' &&
    value.method.length <= 64 &&
    typeof value.startedAt === 'number' &&
    typeof value.resourceType === 'string' &&
    value.resourceType.length <= 64 &&
    isStringList(value.headerNames, 200) &&
    isStringList(value.unsafeHeaders, 200) &&
    (value.mode === undefined || value.mode === 'cors' || value.mode === 'no-cors')
  );
}

export function isSubscriptionRequest(value: unknown): value is SubscriptionRequest {
  if (!isObject(value) || !isTabId(value.tabId)) return false;
  if (value.type === 'subscribe')
    return value.quiet === undefined || typeof value.quiet === 'boolean';
  if (value.type === 'keepalive') return true;
  if (value.type === 'page-requests')
    return (
      Array.isArray(value.requests) &&
      value.requests.length <= 100 &&
      value.requests.every(isPageRequest)
    );
  // The entries are DevTools' own; the HAR reader checks every field it reads.
  return (
    value.type === 'devtools-har' &&
    Array.isArray(value.entries) &&
    value.entries.length <= maxDevtoolsHarEntries &&
    value.entries.every(isObject)
  );
}

export function isSubscriptionMessage(value: unknown): value is SubscriptionMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'snapshot' || type === 'upsert' || type === 'cleared';
}
