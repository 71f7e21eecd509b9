// Firefox's own console lines, from its console service in the parent process. A service
// worker's and a shared worker's CORS errors never reach a page's console (the page only
// hears that the worker's respondWith() promise rejected); Firefox logs them with no window
// (innerWindowID 0), in the Browser Console. A chrome-scope WebDriver BiDi realm (allowed by
// `-remote-allow-system-access`, which the harness passes) registers a console listener there.
import { parseConsoleMessage } from '../../src/explain/parse-console-message';
import type { LaunchedFirefox } from './firefox';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

export class FirefoxConsole {
  private constructor(
    private readonly connection: BidiConnection,
    private readonly context: string,
  ) {}

  /**
   * Null where this Firefox has no chrome-scope realms over BiDi (ESR 140 ignores `moz:scope`
   * and hands back a content page, where `Services` does not exist; ESR 153 has them).
   */
  static async attach(firefox: LaunchedFirefox): Promise<FirefoxConsole | null> {
    const connection = (firefox.browser as unknown as { connection: BidiConnection }).connection;
    const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' }))
      .result as { contexts: { context: string }[] };
    const context = tree.contexts[0]?.context;
    if (!context) return null;
    const console = new FirefoxConsole(connection, context);
    if ((await console.evaluate('typeof Services')) !== 'object') return null;
    await console.evaluate(`(() => {
      globalThis.corsLensLines = [];
      Services.console.registerListener({
        observe(message) {
          if (message instanceof Ci.nsIScriptError) globalThis.corsLensLines.push(message.errorMessage);
        },
      });
      return true;
    })()`);
    return console;
  }

  private async evaluate(expression: string): Promise<unknown> {
    const { result } = (await this.connection.send('script.evaluate', {
      expression,
      target: { context: this.context },
      awaitPromise: false,
    })) as { result: { type: string; result?: { value?: unknown }; exceptionDetails?: unknown } };
    if (result.type !== 'success')
      throw new Error(`chrome-scope evaluate failed: ${JSON.stringify(result)}`);
    return result.result?.value;
  }

  /** Every line logged so far that names `url`, oldest first. */
  async linesFor(url: string): Promise<string[]> {
    const lines = JSON.parse(
      (await this.evaluate('JSON.stringify(globalThis.corsLensLines)')) as string,
    ) as string[];
    return lines.filter((line) => line.includes(url));
  }

  /**
   * Firefox's reason for the worker's own request to `url`: its first CORS line. The page's
   * request to its worker is reported after it as "CORS request did not succeed", so that
   * reason counts only when it is the only one.
   */
  async workerReasonFor(url: string): Promise<string | null> {
    const reasons = (await this.linesFor(url))
      .map((line) => parseConsoleMessage(line)?.firefoxReason ?? null)
      .filter((reason): reason is NonNullable<typeof reason> => reason !== null);
    return reasons.find((reason) => reason !== 'CORSDidNotSucceed') ?? reasons[0] ?? null;
  }
}
