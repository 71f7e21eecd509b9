// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { useReducer } from 'preact/hooks';
import { Panel, type PanelActions } from '../../../extension/panel/components/Panel';
import { preloadPanelParts } from '../../../extension/panel/components/lazy-parts';
import { Popup } from '../../../extension/popup/Popup';
import { initialPanelState, panelReducer, visibleRecords } from '../../../src/ui/panel-store';
import { recordOf, withPageRequest, type ExchangeRecord } from '../../../src/tracker/tab-log';
import { shellQuote } from '../../../src/report/curl';
import type { TrackedRequest } from '../../../src/tracker/pairing';
import { h } from '../exchange-builder';

class NoResizeObserver {
  observe() {}
  disconnect() {}
}
globalThis.ResizeObserver = NoResizeObserver as unknown as typeof ResizeObserver;
afterEach(cleanup);

const page = 'https://app.example.com';
function tracked(
  id: number,
  url: string,
  preflightHeaders: [string, string][] | null,
  response: [string, string][] | null,
  error?: string,
): TrackedRequest {
  return {
    id: `1:${id}`,
    requestId: String(id),
    tabId: 1,
    frameId: 0,
    method: 'GET',
    type: 'xmlhttprequest',
    initiator: page,
    startedAt: 1000 + id,
    updatedAt: 1000 + id,
    hops: [
      {
        url,
        requestHeaders: response
          ? h(['Origin', page], ['Sec-Fetch-Mode', 'cors'], ['X-Api-Key', 'k'])
          : null,
        response: response ? { status: 200, headers: h(...response) } : null,
        preflight: preflightHeaders
          ? {
              url,
              requestHeaders: h(
                ['Origin', page],
                ['Access-Control-Request-Method', 'GET'],
                ['Access-Control-Request-Headers', 'x-api-key'],
              ),
              status: 204,
              headers: h(...preflightHeaders),
            }
          : null,
      },
    ],
    ...(error ? { error } : {}),
    completed: !error,
    done: true,
  };
}

const headerBlocked = recordOf(
  tracked(
    1,
    'https://api.example.com/items',
    [
      ['Access-Control-Allow-Origin', page],
      ['Access-Control-Allow-Headers', 'content-type'],
    ],
    null,
    'net::ERR_FAILED',
  ),
);
const passing = recordOf(
  tracked(
    2,
    'https://api.example.com/ok',
    [
      ['Access-Control-Allow-Origin', page],
      ['Access-Control-Allow-Headers', 'x-api-key'],
    ],
    [['Access-Control-Allow-Origin', page]],
  ),
);
const hostile = recordOf(
  tracked(
    3,
    'https://evil.example/<img src=x onerror=alert(1)>',
    null,
    [
      ['Access-Control-Allow-Origin', '<script>alert(1)</script>'],
      ['X-Long', 'y'.repeat(5000)],
    ],
    'net::ERR_FAILED',
  ),
);

function Harness({ records, actions }: { records: ExchangeRecord[]; actions: PanelActions }) {
  const [state, dispatch] = useReducer(panelReducer, undefined, () =>
    panelReducer(initialPanelState(), { type: 'snapshot', tabId: 1, records }),
  );
  return <Panel state={state} dispatch={dispatch} actions={actions} preserveLog={false} />;
}

const rows = () =>
  within(screen.getByRole('listbox', { name: 'Cross-origin requests' })).queryAllByRole('option');
const actions = (): PanelActions => ({
  clear: vi.fn(),
  setPreserveLog: vi.fn(),
  setRecording: vi.fn(),
  setTabRecording: vi.fn(),
  setRecordOnly: vi.fn(),
  exportReport: vi.fn(),
  copy: vi.fn(),
});

// Runs first: the detail's code is not loaded yet (every later test preloads it).
describe('panel before its lazy parts loaded', () => {
  it(
    'shows the list at once and the detail when its code arrives',
    { timeout: 20_000 },
    async () => {
      render(<Harness records={[headerBlocked, passing]} actions={actions()} />);
      expect(rows()).toHaveLength(2);
      fireEvent.keyDown(screen.getByRole('listbox', { name: 'Cross-origin requests' }), {
        key: 'ArrowDown',
      });
      expect(screen.getByText('Loading the request details…')).toBeTruthy();
      // The detail's code loads on demand: slow on a busy machine, which this does not time.
      expect(
        await screen.findByRole(
          'heading',
          { name: 'The preflight does not allow the request header x-api-key.' },
          { timeout: 15_000 },
        ),
      ).toBeTruthy();
      expect(screen.queryByText('Loading the request details…')).toBeNull();
    },
  );
});

describe('panel', () => {
  beforeAll(() => preloadPanelParts());
  it('teaches when nothing is recorded', () => {
    render(<Harness records={[]} actions={actions()} />);
    expect(
      screen.getByRole('heading', { name: 'No cross-origin requests recorded yet' }),
    ).toBeTruthy();
    expect(screen.getByText(/CORS in one paragraph/)).toBeTruthy();
  });

  it('lists requests with status in words and the code in words', () => {
    render(<Harness records={[headerBlocked, passing]} actions={actions()} />);
    const listed = rows();
    expect(listed).toHaveLength(2);
    expect(within(listed[0] as HTMLElement).getByText('blocked')).toBeTruthy();
    expect(within(listed[0] as HTMLElement).getByText('Header not allowed')).toBeTruthy();
    expect(within(listed[0] as HTMLElement).getByText('yes')).toBeTruthy();
    expect(within(listed[1] as HTMLElement).getByText('ok')).toBeTruthy();
    expect(listed[0]?.querySelector('.c-url')?.getAttribute('title')).toBe(
      'https://api.example.com/items',
    );
  });

  it('filters by blocked only, by code and by text over URL and headers', () => {
    render(<Harness records={[headerBlocked, passing]} actions={actions()} />);
    fireEvent.click(screen.getByLabelText('Blocked only'));
    expect(rows()).toHaveLength(1);
    fireEvent.click(screen.getByLabelText('Blocked only'));
    fireEvent.input(screen.getByLabelText('Filter by URL or header'), { target: { value: '/ok' } });
    expect(rows()).toHaveLength(1);
    fireEvent.input(screen.getByLabelText('Filter by URL or header'), {
      target: { value: 'x-api-key' },
    });
    expect(rows()).toHaveLength(2);
    fireEvent.input(screen.getByLabelText('Filter by URL or header'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Filter by CORS error'), {
      target: { value: 'HeaderDisallowedByPreflightResponse' },
    });
    expect(rows()).toHaveLength(1);
  });

  it('opens the detail with the keyboard and highlights the failing diff row', () => {
    render(<Harness records={[headerBlocked, passing]} actions={actions()} />);
    const list = screen.getByRole('listbox', { name: 'Cross-origin requests' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(
      screen.getByRole('heading', {
        name: 'The preflight does not allow the request header x-api-key.',
      }),
    ).toBeTruthy();
    const failing = document.querySelector('tr.decisive');
    expect(failing?.textContent).toContain('x-api-key');
    expect(failing?.textContent).toContain('content-type');
    expect(screen.getByRole('list', { name: 'Changes' }).textContent).toContain(
      'Add x-api-key to Access-Control-Allow-Headers.',
    );
    // The explanation marks names with backticks: shown as code, never as literal backticks.
    const why = document.querySelector('.explanation');
    expect(why?.querySelector('code')).not.toBeNull();
    expect(why?.textContent).not.toContain('`');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(screen.getByRole('heading', { name: /^Allowed/ })).toBeTruthy();
  });

  it('says when the service worker, not the server, made the request fail', () => {
    const viaWorker = withPageRequest(
      { ...headerBlocked, via: 'service-worker' },
      {
        url: headerBlocked.exchange.request.url,
        method: 'GET',
        startedAt: headerBlocked.startedAt,
        resourceType: 'fetch',
        headerNames: [],
        unsafeHeaders: [],
      },
    );
    render(<Harness records={[viaWorker]} actions={actions()} />);
    fireEvent.keyDown(screen.getByRole('listbox', { name: 'Cross-origin requests' }), {
      key: 'ArrowDown',
    });
    expect(screen.getByText(/The page's own fetch request, with no header/)).toBeTruthy();
    const note = screen.getByRole('note');
    expect(
      within(note).getByRole('heading', { name: 'Caused by the service worker' }),
    ).toBeTruthy();
    expect(note.textContent).toContain('The service worker added x-api-key');
  });

  it('copies Chrome’s message and the curl commands', () => {
    const acts = actions();
    render(<Harness records={[headerBlocked]} actions={acts} />);
    fireEvent.click(rows()[0] as HTMLElement);
    fireEvent.click(screen.getByRole('button', { name: 'Copy message' }));
    expect(acts.copy).toHaveBeenCalledWith(
      expect.stringContaining('Request header field x-api-key is not allowed'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy preflight as curl' }));
    expect(acts.copy).toHaveBeenLastCalledWith(
      expect.stringMatching(/^curl -i -X OPTIONS \\\n {2}'https:\/\/api\.example\.com\/items'/),
    );
    expect(acts.copy).toHaveBeenLastCalledWith(
      expect.stringContaining("-H 'Access-Control-Request-Headers: x-api-key'"),
    );
  });

  it('shows hostile values as text and cuts long ones', () => {
    render(<Harness records={[hostile]} actions={actions()} />);
    fireEvent.click(rows()[0] as HTMLElement);
    expect(document.querySelector('img, script')).toBeNull();
    expect(screen.getAllByText(/<script>alert\(1\)<\/script>/).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByText(/^Response headers \(status/));
    const more = screen.getByRole('button', { name: 'show all 5000 characters' });
    fireEvent.click(more);
    expect(screen.getByText('y'.repeat(5000))).toBeTruthy();
  });

  it('explains a pasted console error', () => {
    render(<Harness records={[]} actions={actions()} />);
    fireEvent.input(screen.getByLabelText('Paste the console error you saw'), {
      target: {
        value:
          "Access to fetch at 'https://api.example.com/' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
      },
    });
    expect(screen.getByText('MissingAllowOriginHeader')).toBeTruthy();
  });

  it('pauses and resumes recording from the toolbar: pressed icon toggles with their names', () => {
    const acts = actions();
    render(<Harness records={[passing]} actions={acts} />);
    const toggle = screen.getByRole('button', { name: 'Recording' });
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(toggle.title).toMatch(/^Stop recording/);
    fireEvent.click(toggle);
    expect(acts.setRecording).toHaveBeenCalledWith(false);
    const preserve = screen.getByRole('button', { name: 'Preserve log' });
    expect(preserve.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(preserve);
    expect(acts.setPreserveLog).toHaveBeenCalledWith(true);
  });

  it('pauses this tab, and records only the servers typed, naming what is not one', () => {
    const acts = actions();
    render(<Harness records={[passing]} actions={acts} />);
    const gear = screen.getByRole('button', { name: 'Recording settings' });
    expect(gear.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(gear);
    expect(gear.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByLabelText('Record this tab'));
    expect(acts.setTabRecording).toHaveBeenCalledWith(false);
    const servers = screen.getByLabelText('Record only requests to') as HTMLInputElement;
    fireEvent.input(servers, { target: { value: 'localhost:8080, not/a/server' } });
    expect(servers.classList.contains('invalid')).toBe(true);
    expect(servers.title).toBe('Not a server, ignored: not/a/server');
    fireEvent.keyDown(servers, { key: 'Enter' });
    expect(acts.setRecordOnly).toHaveBeenCalledWith(['localhost:8080', 'not/a/server']);
  });

  it('wires clear and export', () => {
    const acts = actions();
    render(<Harness records={[passing]} actions={acts} />);
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export report' }));
    expect(acts.clear).toHaveBeenCalled();
    expect(acts.exportReport).toHaveBeenCalledWith('markdown', 'blocked');
    fireEvent.click(screen.getByRole('button', { name: 'Report options' }));
    fireEvent.click(screen.getByRole('radio', { name: 'HTML' }));
    fireEvent.click(screen.getByRole('radio', { name: 'all requests' }));
    expect(screen.getByRole('radio', { name: 'the selected request' })).toHaveProperty(
      'disabled',
      true,
    );
    // Escape closes the menu and gives the focus back to its button.
    fireEvent.keyDown(screen.getByRole('radio', { name: 'all requests' }), { key: 'Escape' });
    expect(screen.queryByRole('radio', { name: 'HTML' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Report options' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export report' }));
    expect(acts.exportReport).toHaveBeenLastCalledWith('html', 'all');
  });
});

describe('suggested fix and what-if', () => {
  const openBlocked = (acts = actions()) => {
    render(<Harness records={[headerBlocked, passing]} actions={acts} />);
    fireEvent.click(rows()[0] as HTMLElement);
    return acts;
  };

  it('shows the fix for the chosen stack and copies it', () => {
    localStorage.clear();
    const acts = openBlocked();
    const picker = screen.getByLabelText('Server stack') as HTMLSelectElement;
    expect(picker.value).toBe('auto');
    fireEvent.change(picker, { target: { value: 'express' } });
    expect(screen.getByRole('list', { name: 'Changes' }).textContent).toContain(
      'Add x-api-key to allowedHeaders.',
    );
    const config = screen.getByLabelText('Fix for Express (cors)').textContent ?? '';
    expect(config).toContain('allowedHeaders: ["content-type", "x-api-key"]');
    expect(config).toContain(`origin: ["${page}"]`);
    fireEvent.click(screen.getByRole('button', { name: 'Copy fix' }));
    expect(acts.copy).toHaveBeenLastCalledWith(config);
    expect(screen.queryByText('not verified against a live server')).toBeNull();
    fireEvent.change(picker, { target: { value: 'spring' } });
    expect(screen.getByText('not verified against a live server')).toBeTruthy();
    // The choice is remembered for the next request and the next session.
    expect(localStorage.getItem('cors-lens.stack')).toBe('spring');
  });

  it('re-checks edited headers and pre-applies the fix', () => {
    localStorage.clear();
    openBlocked();
    fireEvent.click(screen.getByText('What if the server sent…'));
    const verdict = () => screen.getByLabelText('What-if verdict').textContent ?? '';
    expect(verdict()).toContain('HeaderDisallowedByPreflightResponse');
    const preflightBox = screen.getByLabelText('Preflight response headers') as HTMLTextAreaElement;
    fireEvent.input(preflightBox, {
      target: {
        value: `Access-Control-Allow-Origin: ${page}\nAccess-Control-Allow-Headers: x-api-key`,
      },
    });
    // The actual request was never sent: its response needs the headers too.
    expect(verdict()).toContain('MissingAllowOriginHeader');
    fireEvent.input(screen.getByLabelText('Response headers'), {
      target: { value: `Access-Control-Allow-Origin: ${page}` },
    });
    expect(verdict()).toMatch(/^Would pass/);
    fireEvent.input(preflightBox, { target: { value: 'not a header' } });
    expect(screen.getByRole('alert').textContent).toContain('Line 1: expected "Name: value"');
    expect(verdict()).toContain('PreflightMissingAllowOriginHeader');
    fireEvent.click(screen.getByRole('button', { name: 'Apply suggested fix' }));
    expect(preflightBox.value).toMatch(/Access-Control-Allow-Headers: .*x-api-key/);
    expect(verdict()).toMatch(/^Would pass/);
    fireEvent.click(screen.getByRole('button', { name: 'Reset to captured' }));
    expect(verdict()).toContain('HeaderDisallowedByPreflightResponse');
  });
});

describe('findings', () => {
  it('badges the row and explains each finding with a safe config', () => {
    const reflecting = recordOf(
      tracked(4, 'https://api.example.com/me', null, [
        ['Access-Control-Allow-Origin', page],
        ['Access-Control-Allow-Credentials', 'true'],
        ['X-Powered-By', 'Express'],
      ]),
    );
    localStorage.clear();
    render(<Harness records={[reflecting, passing]} actions={actions()} />);
    const badge = screen.getByLabelText('2 findings, worst medium');
    // A flag with the count: never a bare number that reads as an error count.
    expect(badge.textContent).toBe('⚑ 2');
    fireEvent.click(rows()[0] as HTMLElement);
    const section = screen.getByRole('region', { name: 'Findings' });
    expect(within(section).getByText('The origin is echoed with credentials allowed')).toBeTruthy();
    expect(within(section).getByText('A per-origin answer without Vary: Origin')).toBeTruthy();
    expect(
      within(section).getByLabelText('Evidence for reflected-origin-with-credentials').textContent,
    ).toContain('response: Access-Control-Allow-Credentials: true');
    const safe = within(section).getByLabelText('Safe config').textContent ?? '';
    expect(safe).toContain(`origin: ["${page}"]`);
    expect(safe).toContain('credentials: true');
  });
});

describe('panel store', () => {
  it('filters 10,000 records', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...passing, id: `1:${i}` }));
    const state = panelReducer(initialPanelState(), { type: 'snapshot', tabId: 1, records: many });
    expect(
      visibleRecords(panelReducer(state, { type: 'filter', filter: { blockedOnly: true } })),
    ).toHaveLength(0);
    expect(visibleRecords(state)).toHaveLength(10_000);
  });
  it('updates a record in place and clears', () => {
    let state = panelReducer(initialPanelState(), {
      type: 'snapshot',
      tabId: 1,
      records: [passing],
    });
    state = panelReducer(state, { type: 'upsert', record: { ...passing, inFlight: true } });
    expect(state.records).toHaveLength(1);
    state = panelReducer(state, { type: 'upsert', record: headerBlocked });
    expect(state.records).toHaveLength(2);
    expect(panelReducer(state, { type: 'cleared', tabId: 1 }).records).toEqual([]);
  });
});

describe('popup', () => {
  it('summarises blocked requests by code and lists the latest', () => {
    render(<Popup records={[headerBlocked, passing]} onExport={vi.fn()} />);
    expect(screen.getByText('1 blocked request')).toBeTruthy();
    expect(screen.getByText('Header not allowed')).toBeTruthy();
    expect(screen.getByText(/does not allow the request header x-api-key/)).toBeTruthy();
    expect(screen.getByText(/Open DevTools → CORS/)).toBeTruthy();
    // The passing record echoes the origin without Vary: Origin.
    expect(screen.getByLabelText('Findings').textContent).toBe(
      '1 configuration finding (1 kind), worst medium: see Findings in the panel.',
    );
  });

  it('pauses and resumes recording', () => {
    const onRecordingChange = vi.fn();
    render(
      <Popup
        records={[]}
        onExport={vi.fn()}
        recording={false}
        onRecordingChange={onRecordingChange}
      />,
    );
    expect(screen.getByText(/Paused in every tab/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Resume recording' }));
    expect(onRecordingChange).toHaveBeenCalledWith(true);
  });

  it('pauses this tab and names the servers recorded', () => {
    const onTabRecordingChange = vi.fn();
    render(
      <Popup
        records={[]}
        onExport={vi.fn()}
        recording
        onRecordingChange={vi.fn()}
        paused={false}
        onTabRecordingChange={onTabRecordingChange}
        recordOnly={['localhost:8080']}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Pause this tab' }));
    expect(onTabRecordingChange).toHaveBeenCalledWith(false);
    expect(screen.getByText('Only requests to localhost:8080')).toBeTruthy();
  });

  it('counts the tab’s findings and names the worst', () => {
    const reflecting = recordOf(
      tracked(5, 'https://api.example.com/me', null, [
        ['Access-Control-Allow-Origin', page],
        ['Access-Control-Allow-Credentials', 'true'],
      ]),
    );
    render(<Popup records={[reflecting, passing]} onExport={vi.fn()} />);
    expect(screen.getByLabelText('Findings').textContent).toBe(
      '3 configuration findings (2 kinds), worst medium: see Findings in the panel.',
    );
  });
});

describe('curl quoting', () => {
  it('single-quotes everything', () => {
    expect(shellQuote("it's $(rm -rf /) `x`")).toBe("'it'\\''s $(rm -rf /) `x`'");
  });
});

describe('failures that are not CORS', () => {
  beforeAll(() => preloadPanelParts());
  it('says what really happened, how to confirm it and what to do', () => {
    const blockedByClient = recordOf(
      tracked(9, 'https://api.example.com/ads/pixel', null, null, 'net::ERR_BLOCKED_BY_CLIENT'),
    );
    render(<Harness records={[blockedByClient]} actions={actions()} />);
    fireEvent.keyDown(screen.getByRole('listbox', { name: 'Cross-origin requests' }), {
      key: 'ArrowDown',
    });
    expect(
      screen.getByRole('heading', { name: 'Not a CORS error: Blocked by a browser extension' }),
    ).toBeTruthy();
    expect(screen.getByText(/Allow the URL in the blocker/)).toBeTruthy();
    expect(screen.queryByText(/is running and reachable/)).toBeNull();
  });
});
