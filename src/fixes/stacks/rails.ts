// Rails / Rack with rack-cors. Strings in `origins` match exactly; regexes need \A...\z.
import type { Stack } from './stack';
import { dq } from './literals';

const symbols = (methods: readonly string[]) =>
  methods.map((m) => (/^[A-Z]+$/.test(m) ? `:${m.toLowerCase()}` : dq(m))).join(', ');

export const rails: Stack = {
  id: 'rails',
  label: 'Rails / Rack (rack-cors)',
  language: 'ruby',
  file: 'config/initializers/cors.rb',
  verified: true,
  terms: {
    origins: '`origins`',
    methods: '`methods:`',
    headers: '`headers:`',
    credentials: '`credentials: true`',
    privateNetwork: null,
  },
  beforeAuth:
    'Insert Rack::Cors with `insert_before 0` so it runs before Warden/Devise and `ActionDispatch` auth: it answers the preflight without reaching your controllers.',
  answerOptions:
    'Rack::Cors answers the preflight itself for paths matching `resource`; a 404 means the path does not match any `resource` pattern (check the leading slash and wildcards).',
  errorResponses:
    'With `insert_before 0`, Rack::Cors sits outside `ActionDispatch::ShowExceptions`, so rendered error pages keep the headers.',
  render(p, target) {
    const options = [
      `headers: [${p.headers.map(dq).join(', ')}]`,
      `methods: [${symbols(p.methods)}]`,
    ];
    if (p.exposeHeaders.length) options.push(`expose: [${p.exposeHeaders.map(dq).join(', ')}]`);
    if (p.credentials) options.push('credentials: true');
    if (p.maxAge !== null) options.push(`max_age: ${p.maxAge}`);
    const resource = /^\/[A-Za-z0-9_-]+\//.test(target.path)
      ? `${target.path.split('/').slice(0, 2).join('/')}/*`
      : '*';
    return [
      'Rails.application.config.middleware.insert_before 0, Rack::Cors do',
      '  allow do',
      `    origins ${p.anyOrigin ? dq('*') : p.origins.map(dq).join(', ')}`,
      `    resource ${dq(resource)},`,
      ...options.map((o, i) => `      ${o}${i < options.length - 1 ? ',' : ''}`),
      '  end',
      'end',
    ].join('\n');
  },
};
