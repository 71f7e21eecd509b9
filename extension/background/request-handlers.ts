import { browser } from '../browser';
import { browserInfo } from '../platform';
import { buildJsonReport, type Report } from '../../src/report/json-report';
import { htmlReport } from '../../src/report/html-report';
import { markdownReport } from '../../src/report/markdown-report';
import type { ExportFormat } from '../../src/protocol/messages';
import {
  isRequestMessage,
  type ExportRequest,
  type ExportResult,
  type RequestMessage,
  type RequestMessages,
  type RequestType,
} from '../../src/protocol/messages';
import { loadSettings, saveSettings } from '../settings';
import type { TrackerService } from './tracker-service';

type Handlers = {
  [K in RequestType]: (
    message: RequestMessage<K>,
  ) => Promise<RequestMessages[K]['response']> | RequestMessages[K]['response'];
};

async function pageUrl(tabId: number): Promise<string | null> {
  try {
    return (await browser.tabs.get(tabId)).url ?? null;
  } catch {
    return null;
  }
}

/** The export hook (public contract, docs/contracts.md): the tab's exchanges as a report document. */
export async function exportTab(
  tracker: TrackerService,
  request: ExportRequest,
): Promise<ExportResult> {
  let records = await tracker.records(request.tabId);
  if (request.blockedOnly) records = records.filter((r) => r.verdict.outcome === 'blocked');
  if (request.ids) {
    const wanted = new Set(request.ids);
    records = records.filter((r) => wanted.has(r.id));
  }
  const now = new Date();
  const report = buildJsonReport(
    records.map((r) => ({
      id: r.id,
      type: r.type,
      startedAt: r.startedAt,
      exchange: r.exchange,
      ...(r.via ? { via: r.via } : {}),
      ...(r.sharedBy ? { sharedBy: r.sharedBy } : {}),
      ...(r.page ? { page: r.page } : {}),
    })),
    {
      version: __CORS_LENS_VERSION__,
      generatedAt: now.toISOString(),
      pageUrl: await pageUrl(request.tabId),
      browser: browserInfo(),
      includeSecrets: request.includeSecrets ?? false,
      stack: request.stack ?? 'auto',
    },
  );
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const host = (report.page.origin ?? 'page').replace(/^\w+:\/\//, '').replace(/[^\w.-]/g, '_');
  const { content, extension, mimeType } = render(report, request.format);
  return { content, filename: `cors-lens-${host}-${stamp}.${extension}`, mimeType };
}

function render(
  report: Report,
  format: ExportFormat,
): { content: string; extension: string; mimeType: string } {
  switch (format) {
    case 'json':
      return {
        content: JSON.stringify(report, null, 2),
        extension: 'json',
        mimeType: 'application/json',
      };
    case 'markdown':
      return { content: markdownReport(report), extension: 'md', mimeType: 'text/markdown' };
    case 'html':
      return { content: htmlReport(report), extension: 'html', mimeType: 'text/html' };
  }
}

function handlers(tracker: TrackerService): Handlers {
  return {
    'cors-lens:ping': () => ({ version: __CORS_LENS_VERSION__ }),
    'cors-lens:export': (message) => exportTab(tracker, message),
    'cors-lens:get-tab': async ({ tabId }) => ({
      records: await tracker.records(tabId),
      paused: tracker.isPaused(tabId),
    }),
    'cors-lens:set-tab-recording': async ({ tabId, on }) => ({
      paused: await tracker.setTabRecording(tabId, on),
    }),
    'cors-lens:clear-tab': async ({ tabId }) => ({ cleared: await tracker.clearTab(tabId) }),
    'cors-lens:get-settings': () => loadSettings(),
    'cors-lens:set-settings': ({ settings }) => saveSettings(settings),
  };
}

/** Answers the typed one-shot messages; anything malformed is ignored, errors go back to the caller. */
export function listenForRequests(tracker: TrackerService): void {
  const table = handlers(tracker);
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isRequestMessage(message)) return undefined;
    const handler = table[message.type] as (m: RequestMessage) => unknown;
    return Promise.resolve()
      .then(() => handler(message))
      .catch((error: unknown) => ({
        error: error instanceof Error ? error.message : String(error),
      }));
  });
}
