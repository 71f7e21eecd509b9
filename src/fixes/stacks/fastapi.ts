// FastAPI / Starlette CORSMiddleware. Its defaults allow GET only and no headers beyond the
// four safelisted ones; max_age defaults to 600.
import type { Stack } from './stack';
import { dq, list } from './literals';

const pyBool = (value: boolean) => (value ? 'True' : 'False');

export const fastapi: Stack = {
  id: 'fastapi',
  label: 'FastAPI / Starlette (CORSMiddleware)',
  language: 'python',
  file: 'main.py',
  verified: true,
  terms: {
    origins: '`allow_origins`',
    methods: '`allow_methods`',
    headers: '`allow_headers`',
    credentials: '`allow_credentials=True`',
    privateNetwork: '`allow_private_network=True` (Starlette ≥ 0.46)',
  },
  beforeAuth:
    'Add CORSMiddleware last with `app.add_middleware` (the last added runs first), and keep auth in dependencies (`Depends`) rather than a middleware that runs before it: CORSMiddleware answers the preflight itself.',
  answerOptions:
    'CORSMiddleware answers every OPTIONS that has Origin and Access-Control-Request-Method; a 405 means the middleware is not installed on this app (or a mounted sub-app has its own).',
  errorResponses:
    'Unhandled exceptions are turned into 500s by ServerErrorMiddleware, outside CORSMiddleware, so they lose the headers: handle the exception (`@app.exception_handler`) or wrap the whole app, `app = CORSMiddleware(app, ...)`, when serving.',
  render(p) {
    const args = [
      `allow_origins=[${p.anyOrigin ? dq('*') : list(p.origins)}],`,
      `allow_methods=[${list(p.methods)}],`,
      `allow_headers=[${list(p.headers)}],`,
    ];
    if (p.exposeHeaders.length) args.push(`expose_headers=[${list(p.exposeHeaders)}],`);
    args.push(`allow_credentials=${pyBool(p.credentials)},`);
    if (p.maxAge !== null) args.push(`max_age=${p.maxAge},`);
    if (p.privateNetwork) args.push('allow_private_network=True,');
    return [
      'from fastapi.middleware.cors import CORSMiddleware',
      '',
      'app.add_middleware(',
      '    CORSMiddleware,',
      ...args.map((a) => `    ${a}`),
      ')',
    ].join('\n');
  },
};
