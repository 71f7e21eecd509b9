// Chrome's own verdict on requests that workers make: a browser-level DevTools session
// auto-attaches to every service worker and shared worker target, enables its Network
// domain, and keeps `corsErrorStatus` of each failed request by URL. Messages to a worker go
// through Target.sendMessageToTarget (non-flat sessions), which Playwright's CDPSession relays.
import type { CDPSession } from 'playwright-core';
import type { LaunchedBrowser } from './browser';

export interface WorkerTruth {
  /** The target type of the worker that made it: `service_worker` or `shared_worker`. */
  target: string;
  corsError: string | null;
  failedParameter: string | null;
  errorText: string | null;
  finished: boolean;
}

interface NetworkEvent {
  method: string;
  params: {
    requestId: string;
    request?: { url: string; method: string };
    errorText?: string;
    corsErrorStatus?: { corsError: string; failedParameter: string };
  };
}

export class WorkerTruthRecorder {
  /** Per URL, the last actual request (not its preflight) Chrome saw a worker make. */
  private readonly byUrl = new Map<string, WorkerTruth>();
  private readonly urlOf = new Map<string, { url: string; method: string }>();
  readonly targets: string[] = [];
  private nextId = 1;

  private constructor(private readonly cdp: CDPSession) {}

  static async attach(browser: LaunchedBrowser): Promise<WorkerTruthRecorder> {
    const chrome = browser.context.browser();
    if (!chrome) throw new Error('no browser-level DevTools session');
    const cdp = await chrome.newBrowserCDPSession();
    const recorder = new WorkerTruthRecorder(cdp);
    // Browser-level auto-attach takes flat sessions only, which Playwright does not relay:
    // each worker is attached on its own, as soon as it is announced.
    cdp.on('Target.targetCreated', ({ targetInfo }) => {
      if (!/^(service_worker|shared_worker)$/.test(targetInfo.type)) return;
      if (targetInfo.url.startsWith('chrome-extension://')) return;
      void cdp
        .send('Target.attachToTarget', { targetId: targetInfo.targetId, flatten: false })
        .then(({ sessionId }) => {
          recorder.sessions.set(sessionId, targetInfo.type);
          recorder.targets.push(`${targetInfo.type} ${targetInfo.url}`);
          return cdp.send('Target.sendMessageToTarget', {
            sessionId,
            message: JSON.stringify({ id: recorder.nextId++, method: 'Network.enable' }),
          });
        })
        .catch(() => undefined);
    });
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const type = recorder.sessions.get(event.sessionId);
      if (type) recorder.onMessage(type, JSON.parse(event.message) as NetworkEvent);
    });
    await cdp.send('Target.setDiscoverTargets', { discover: true });
    return recorder;
  }

  private readonly sessions = new Map<string, string>();

  private onMessage(target: string, message: NetworkEvent): void {
    const { method, params } = message;
    // Replies to our own commands carry no method.
    if (!method || !params) return;
    if (method === 'Network.requestWillBeSent' && params.request) {
      this.urlOf.set(params.requestId, params.request);
      if (params.request.method !== 'OPTIONS' || !this.byUrl.has(params.request.url))
        this.byUrl.set(params.request.url, {
          target,
          corsError: null,
          failedParameter: null,
          errorText: null,
          finished: false,
        });
      return;
    }
    const sent = this.urlOf.get(params.requestId);
    const truth = sent && this.byUrl.get(sent.url);
    if (!truth || sent.method === 'OPTIONS') return;
    if (method === 'Network.loadingFailed') {
      truth.finished = true;
      truth.errorText = params.errorText ?? null;
      truth.corsError = params.corsErrorStatus?.corsError ?? null;
      truth.failedParameter = params.corsErrorStatus?.failedParameter || null;
    } else if (method === 'Network.loadingFinished') {
      truth.finished = true;
    }
  }

  /** Chrome's answer for the worker's request to `url`, once it finished. */
  async settled(url: string, timeoutMs = 10_000): Promise<WorkerTruth> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const truth = this.byUrl.get(url);
      if (truth?.finished) return truth;
      if (Date.now() > deadline)
        throw new Error(
          `Chrome reported no worker request to ${url} (targets: ${this.targets.join(', ')})`,
        );
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  /** Resolves once a worker of `type` whose script URL starts with `prefix` is being watched. */
  async watching(type: string, prefix: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.targets.some((t) => t.startsWith(`${type} ${prefix}`))) {
      if (Date.now() > deadline) throw new Error(`no ${type} target at ${prefix}`);
      await new Promise((done) => setTimeout(done, 50));
    }
    // Network.enable was sent right after attaching; give it a moment to take effect.
    await new Promise((done) => setTimeout(done, 200));
  }

  seen(url: string): boolean {
    return this.byUrl.has(url);
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}
