// Real servers for the fix proofs: each stack's program with a CORS config pasted in, the
// way a user would paste our snippet, started on a loopback port. The config text is the
// exact text the fix generator produced; only the surrounding app is ours.

import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { StackId } from '../../src/fixes/stacks';
import { nginxPlaceholder } from '../../src/fixes/stacks/nginx';

const run = promisify(execFile);
export const routePath = '/api/items';
const workRoot = resolve(import.meta.dirname, '../../node_modules/.cache/cors-lens-fixes');
// Debian's packages: the pyenv python3 on PATH has none of them.
const python = '/usr/bin/python3';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
  log(): string;
}

interface Program {
  /** Files to write into the work directory. */
  files: Record<string, string>;
  /** Optional build step, run in the work directory. */
  build?: (dir: string) => Promise<void>;
  command: (dir: string) => [string, string[], NodeJS.ProcessEnv?];
}

type ProgramFor = (config: string, port: number, upstream: string) => Program;

const methods = `"GET", "POST", "PUT", "PATCH", "DELETE"`;

const programs: Partial<Record<StackId, ProgramFor>> = {
  express: (config, port) => ({
    files: {
      'app.mjs': `import express from 'express';
const app = express();
${config}
app.all('${routePath}', (req, res) => res.json({ ok: true }));
app.listen(${port}, '127.0.0.1');
`,
    },
    command: (dir) => [process.execPath, [join(dir, 'app.mjs')]],
  }),
  fastify: (config, port) => ({
    files: {
      'server.mjs': `import Fastify from 'fastify';
const app = Fastify();
${config}
app.route({ method: [${methods}], url: '${routePath}', handler: async () => ({ ok: true }) });
await app.listen({ port: ${port}, host: '127.0.0.1' });
`,
    },
    command: (dir) => [process.execPath, [join(dir, 'server.mjs')]],
  }),
  fastapi: (config, port) => ({
    files: {
      'main.py': `from fastapi import FastAPI
import uvicorn

app = FastAPI()

${config}

@app.api_route("${routePath}", methods=[${methods}])
def items():
    return {"ok": True}

uvicorn.run(app, host="127.0.0.1", port=${port}, log_level="warning")
`,
    },
    command: (dir) => [python, [join(dir, 'main.py')]],
  }),
  flask: (config, port) => ({
    files: {
      'app.py': `from flask import Flask, jsonify

app = Flask(__name__)

${config}

@app.route("${routePath}", methods=[${methods}])
def items():
    return jsonify(ok=True)

app.run(host="127.0.0.1", port=${port})
`,
    },
    command: (dir) => [python, [join(dir, 'app.py')]],
  }),
  django: (config, port) => ({
    files: {
      'settings.py': `SECRET_KEY = "cors-lens-test"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "urls"
INSTALLED_APPS = ["corsheaders"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]

${config}
`,
      'urls.py': `from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

urlpatterns = [path("${routePath.slice(1)}", csrf_exempt(lambda request: JsonResponse({"ok": True})))]
`,
      'serve.py': `import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
from django.core.wsgi import get_wsgi_application
from wsgiref.simple_server import make_server
make_server("127.0.0.1", ${port}, get_wsgi_application()).serve_forever()
`,
    },
    command: (dir) => [python, [join(dir, 'serve.py')]],
  }),
  go: (config, port) => ({
    files: {
      'main.go': `package main

import (
	"net/http"

	"github.com/rs/cors"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("${routePath}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(\`{"ok":true}\`))
	})
${config.replace(/^/gm, '\t')}
	http.ListenAndServe("127.0.0.1:${port}", handler)
}
`,
    },
    // Debian's Go and rs/cors sources, offline: GOPATH mode.
    build: async (dir) => {
      await run('go', ['build', '-o', join(dir, 'server'), join(dir, 'main.go')], {
        cwd: dir,
        env: { ...process.env, GOPATH: '/usr/share/gocode', GO111MODULE: 'off', GOFLAGS: '' },
      });
    },
    command: (dir) => [join(dir, 'server'), []],
  }),
  rails: (config, port) => ({
    files: {
      'config.rb': `require "rack"
require "rack/cors"
require "webrick"

# Just enough of Rails for an initializer to run unchanged.
module Rails
  class Middleware
    attr_reader :entries
    def initialize; @entries = []; end
    def insert_before(_index, klass, *args, &block); @entries << [klass, args, block]; end
  end
  Config = Struct.new(:middleware)
  App = Struct.new(:config)
  def self.application; @application ||= App.new(Config.new(Middleware.new)); end
end

${config}

app = Rack::Builder.new do
  Rails.application.config.middleware.entries.each { |klass, args, block| use(klass, *args, &block) }
  run ->(env) { [200, { "Content-Type" => "application/json" }, ['{"ok":true}']] }
end
Rack::Handler::WEBrick.run(app, Host: "127.0.0.1", Port: ${port}, AccessLog: [], Logger: WEBrick::Log.new(nil, 0))
`,
    },
    command: (dir) => ['ruby', [join(dir, 'config.rb')]],
  }),
  nginx: (config, port, upstream) => {
    const [httpPart, serverPart] = splitAt(config, '# In the server {} block:');
    return {
      files: {
        'nginx.conf': `daemon off;
master_process off;
pid nginx.pid;
error_log error.log warn;
events {}
http {
    access_log off;
    client_body_temp_path tmp/body;
    proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi;
    uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
${httpPart}
    server {
        listen 127.0.0.1:${port};
${serverPart.replace(nginxPlaceholder, `proxy_pass ${upstream};`)}
    }
}
`,
      },
      command: (dir) => {
        mkdirSync(join(dir, 'tmp'), { recursive: true });
        return ['nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')]];
      },
    };
  },
  apache: (config, port, upstream) => ({
    files: {
      'httpd.conf': `ServerRoot "/etc/apache2"
DefaultRuntimeDir "{dir}"
PidFile "{dir}/httpd.pid"
ErrorLog "{dir}/error.log"
LogLevel warn
Listen 127.0.0.1:${port}
ServerName 127.0.0.1
${['mpm_event', 'authz_core', 'headers', 'setenvif', 'rewrite', 'proxy', 'proxy_http']
  .map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`)
  .join('\n')}
User www-data
Group www-data
<VirtualHost 127.0.0.1:${port}>
${config}

ProxyPass "${routePath}" "${upstream}${routePath}"
</VirtualHost>
`,
    },
    command: (dir) => ['/usr/sbin/apache2', ['-f', join(dir, 'httpd.conf'), '-DFOREGROUND']],
  }),
  caddy: (config, port, upstream) => ({
    files: {
      Caddyfile: `{
	admin off
	auto_https off
}

http://127.0.0.1:${port} {
${config}
	reverse_proxy ${new URL(upstream).host}
}
`,
    },
    command: (dir) => [
      'caddy',
      ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'],
      { ...process.env, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, HOME: dir },
    ],
  }),
};

export const liveStacks = Object.keys(programs) as StackId[];

function splitAt(text: string, marker: string): [string, string] {
  const at = text.indexOf(marker);
  return at < 0 ? ['', text] : [text.slice(0, at), text.slice(at)];
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (open) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`server did not listen on ${port}:\n${log()}`);
}

/** Starts `stack` with `config` pasted in; `upstream` is the app behind a web server. */
export async function startStack(
  stack: StackId,
  config: string,
  upstream: string,
): Promise<RunningServer> {
  const programFor = programs[stack];
  if (!programFor) throw new Error(`no live server for ${stack}`);
  const port = await freePort();
  mkdirSync(workRoot, { recursive: true });
  const dir = mkdtempSync(join(workRoot, `${stack}-`));
  const program = programFor(config, port, upstream);
  for (const [name, text] of Object.entries(program.files))
    writeFileSync(join(dir, name), text.replaceAll('{dir}', dir));
  if (program.build) await program.build(dir);
  const [command, args, env] = program.command(dir);
  let output = '';
  const child = spawn(command, args, { cwd: dir, env: env ?? process.env, stdio: 'pipe' });
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const log = () => `${Object.values(program.files).join('\n---\n')}\n--- output:\n${output}`;
  try {
    await waitForPort(port, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}${routePath}`,
    log,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((done) => setTimeout(done, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The app behind nginx, Apache and Caddy: answers everything, sends no CORS headers. */
export async function startUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
