// The headers themselves, for any server or proxy not listed.
import type { Stack } from './stack';
import { policyHeaders } from '../policy-headers';

export const headers: Stack = {
  id: 'headers',
  label: 'Plain headers (any server)',
  language: 'http',
  file: 'response headers',
  verified: true,
  terms: {
    origins: 'the origins you echo in `Access-Control-Allow-Origin`',
    methods: '`Access-Control-Allow-Methods`',
    headers: '`Access-Control-Allow-Headers`',
    credentials: '`Access-Control-Allow-Credentials: true`',
    privateNetwork: '`Access-Control-Allow-Private-Network: true`',
  },
  beforeAuth:
    'Answer OPTIONS requests that carry `Access-Control-Request-Method` before authentication: the preflight never carries cookies or Authorization, so it cannot pass an auth check.',
  answerOptions:
    'Route OPTIONS for this path to a handler that answers 204 with the preflight headers below.',
  errorResponses:
    'Send the CORS headers on every response of this route, errors included (4xx and 5xx): without them the page sees a CORS error instead of your status and body.',
  render(p) {
    const origin = p.anyOrigin ? '*' : (p.origins[p.origins.length - 1] ?? '');
    const { preflight, actual } = policyHeaders(p, origin);
    const others = p.anyOrigin || p.origins.length < 2 ? [] : p.origins.slice(0, -1);
    return [
      `# Preflight (OPTIONS) response: status 204, and`,
      ...preflight.map((h) => `${h.name}: ${h.value}`),
      '',
      '# Actual response (every status, errors included):',
      ...actual.map((h) => `${h.name}: ${h.value}`),
      ...(others.length
        ? [
            '',
            `# Access-Control-Allow-Origin echoes the request's Origin only when it is one of:`,
            `#   ${[...others, origin].join(', ')}`,
            '# (one value per response; never echo an origin you have not checked).',
          ]
        : []),
    ].join('\n');
  },
};
