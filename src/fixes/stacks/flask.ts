// Flask with Flask-CORS. With its default `origins="*"` it echoes any origin, which becomes
// reflect-any once `supports_credentials=True`: always pass the exact list.
import type { Stack } from './stack';
import { dq, list } from './literals';

export const flask: Stack = {
  id: 'flask',
  label: 'Flask (Flask-CORS)',
  language: 'python',
  file: 'app.py',
  verified: true,
  terms: {
    origins: '`origins`',
    methods: '`methods`',
    headers: '`allow_headers`',
    credentials: '`supports_credentials=True`',
    privateNetwork: '`allow_private_network=True` (Flask-CORS ≥ 4)',
  },
  beforeAuth:
    'Flask-CORS answers OPTIONS through `automatic_options`; make your `before_request` auth hook return early for `request.method == "OPTIONS"`, or the preflight gets its 401.',
  answerOptions:
    'Keep `automatic_options=True` (the default) and make sure the route matches `resources` (default `r"/*"`); a 405 means the URL has no route at all.',
  errorResponses:
    'Flask-CORS adds the headers in `after_request`, which also runs for error handlers’ responses; a 500 from an unhandled exception in debug mode skips it, so register an error handler.',
  render(p) {
    const args = [
      `origins=[${p.anyOrigin ? dq('*') : list(p.origins)}],`,
      `methods=[${list(p.methods)}],`,
      `allow_headers=[${list(p.headers)}],`,
    ];
    if (p.exposeHeaders.length) args.push(`expose_headers=[${list(p.exposeHeaders)}],`);
    if (p.credentials) args.push('supports_credentials=True,');
    if (p.maxAge !== null) args.push(`max_age=${p.maxAge},`);
    if (p.privateNetwork) args.push('allow_private_network=True,');
    return [
      'from flask_cors import CORS',
      '',
      'CORS(',
      '    app,',
      ...args.map((a) => `    ${a}`),
      ')',
    ].join('\n');
  },
};
