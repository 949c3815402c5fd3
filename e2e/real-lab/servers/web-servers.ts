/**
 * nginx, Apache httpd and Squid as Debian ships them, each started on a loopback port with a
 * minimal configuration of the directives a site would use (auth_basic, mod_auth_basic,
 * ProxyRequests with Basic auth, proxy_auth). Every refusal is the server's own.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, run, startServer, type ServerProcess } from "../process";

/** The one account the lab's web servers know. */
export const WEB_USER = { name: "alice", password: "correct horse" } as const;

/** An Apache-style MD5 (apr1) password line, made by openssl, which nginx, Apache and Squid's helper all read. */
async function htpasswd(dir: string): Promise<string> {
  const hash = (await run("openssl", ["passwd", "-apr1", "-salt", "authlens", WEB_USER.password])).trim();
  const file = join(dir, "htpasswd");
  writeFileSync(file, `${WEB_USER.name}:${hash}\n`);
  return file;
}

/** Servers run as root drop to another user (nginx: nobody; Apache: www-data; Squid: proxy), who must read the files. */
function readableByAll(dir: string): void {
  chmodSync(dir, 0o755);
}

/** Writes the static files a server serves: `files` maps a path under `root` to its content. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(join(file, ".."), { recursive: true, mode: 0o755 });
    writeFileSync(file, content, { mode: 0o644 });
  }
}

/**
 * nginx with `auth_basic` on /private/ (a page) and /api/ (a JSON API that also answers a single-page
 * app on another origin of the site with CORS headers, `always`, as its documentation suggests).
 */
export async function startNginx(dir: string, pages: Record<string, string>, corsOrigin: string): Promise<ServerProcess> {
  readableByAll(dir);
  const port = await freePort();
  const users = await htpasswd(dir);
  writeFiles(join(dir, "root"), { ...pages, "api/report.json": '{"report":"Q3"}\n', "private/index.html": "<h1>Intranet</h1>\n", "en/index.html": "<!doctype html><title>Shop</title><h1>Shop (English)</h1>\n", "about/index.html": "<!doctype html><title>About</title><h1>About</h1>\n" });
  mkdirSync(join(dir, "tmp"), { recursive: true });
  writeFileSync(
    join(dir, "nginx.conf"),
    `worker_processes 1;
error_log stderr warn;
pid ${dir}/nginx.pid;
events { worker_connections 128; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  # The bare domain sends everyone to its canonical host.
  server {
    listen 127.0.0.1:${port};
    server_name nginx.test;
    return 301 http://www.nginx.test$request_uri;
  }
  server {
    listen 127.0.0.1:${port} default_server;
    server_name _;
    root ${dir}/root;
    # The shop's front page sends people to their language's.
    location = / {
      return 302 /en/;
    }
    location /private/ {
      auth_basic "Intranet";
      auth_basic_user_file ${users};
    }
    location /api/ {
      auth_basic "Reports API";
      auth_basic_user_file ${users};
      add_header Access-Control-Allow-Origin "${corsOrigin}" always;
      add_header Access-Control-Allow-Headers "Authorization" always;
    }
  }
}
`,
  );
  return startServer("nginx", "nginx", ["-e", "stderr", "-p", dir, "-c", join(dir, "nginx.conf"), "-g", "daemon off;"], { port });
}

const APACHE_MODULES = ["mpm_event", "authz_core", "authn_core", "authn_file", "auth_basic", "authz_user", "mime", "dir", "proxy", "proxy_http"];

/**
 * Apache httpd: mod_auth_basic on /api/, and a second port that is a forward proxy
 * (`ProxyRequests On`) asking for Basic credentials, as a company proxy does.
 */
export async function startApache(dir: string, pages: Record<string, string>): Promise<{ server: ServerProcess; proxyPort: number }> {
  readableByAll(dir);
  const [port, proxyPort] = [await freePort(), await freePort()];
  const users = await htpasswd(dir);
  writeFiles(join(dir, "root"), { ...pages, "api/page.json": '{"page":"Home"}\n' });
  const root = process.getuid?.() === 0;
  writeFileSync(
    join(dir, "httpd.conf"),
    `ServerRoot ${dir}
DefaultRuntimeDir ${dir}
PidFile ${dir}/httpd.pid
Listen 127.0.0.1:${port}
Listen 127.0.0.1:${proxyPort}
ServerName localhost
ErrorLog ${dir}/error.log
LogLevel warn
${APACHE_MODULES.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join("\n")}
${root ? "User www-data\nGroup www-data" : ""}
TypesConfig /etc/mime.types
<VirtualHost 127.0.0.1:${port}>
  DocumentRoot ${dir}/root
  <Directory ${dir}/root>
    Require all granted
  </Directory>
  <Location /api/>
    AuthType Basic
    AuthName "Wiki API"
    AuthBasicProvider file
    AuthUserFile ${users}
    Require valid-user
  </Location>
</VirtualHost>
<VirtualHost 127.0.0.1:${proxyPort}>
  ProxyRequests On
  <Proxy "*">
    AuthType Basic
    AuthName "Corporate proxy"
    AuthBasicProvider file
    AuthUserFile ${users}
    Require valid-user
  </Proxy>
</VirtualHost>
`,
  );
  const server = await startServer("apache2", "apache2", ["-f", join(dir, "httpd.conf"), "-DFOREGROUND"], { port });
  return { server, proxyPort };
}

/** Squid as a forward proxy that wants Basic credentials (basic_ncsa_auth) before it forwards anything. */
export async function startSquid(dir: string): Promise<ServerProcess> {
  readableByAll(dir);
  const port = await freePort();
  const users = await htpasswd(dir);
  writeFileSync(
    join(dir, "squid.conf"),
    `http_port 127.0.0.1:${port}
pid_filename ${dir}/squid.pid
cache_log ${dir}/cache.log
access_log none
cache deny all
coredump_dir ${dir}
shutdown_lifetime 0 seconds
auth_param basic program /usr/lib/squid/basic_ncsa_auth ${users}
auth_param basic realm Company web proxy
acl signed_in proxy_auth REQUIRED
http_access allow signed_in
http_access deny all
`,
  );
  return startServer("squid", "squid", ["-N", "-f", join(dir, "squid.conf")], { port, timeoutMs: 30_000 });
}
