/**
 * The playground booted in this process (like tests/helpers/strapi.ts) with its HTTP server listening on
 * 127.0.0.1 (an ephemeral port), and an admin API client that goes through real HTTP with an admin JWT.
 */
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const PLAYGROUND = path.join(ROOT, 'playground');

/** Environment every benchmarked playground runs with: quiet logs, no cron, no demo seed. */
const quietEnv = () => ({
  NODE_ENV: 'production',
  PLAYGROUND_SEED: 'false',
  CRON_ENABLED: 'false',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_LOG_LEVEL: 'error',
  HOST: '127.0.0.1',
});

async function compilePlayground() {
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: PLAYGROUND, ignoreDiagnostics: true });
}

async function bootStrapi(dbEnv, env = {}) {
  Object.assign(process.env, quietEnv(), dbEnv, env);
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: PLAYGROUND, distDir: path.join(PLAYGROUND, 'dist') }).load();
  strapi.log.level = 'error';
  await strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  // The server never closes idle sockets (the client closes them itself after a few seconds), so a
  // request never races the server closing the socket it reuses, e.g. after a long seeding step.
  server.keepAliveTimeout = 0;
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  return {
    strapi,
    baseUrl,
    async stop() {
      await strapi.destroy();
    },
  };
}

/** A small JSON client over fetch; `raw` returns the Response for streaming. Throws on unexpected status. */
function httpClient(baseUrl, token) {
  const call = async (method, url, body, expected = 200) => {
    const res = await fetch(baseUrl + url, {
      // (a failed fetch says why in error.cause)
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status !== expected) {
      throw new Error(`${method} ${url} -> ${res.status} (expected ${expected}): ${(await res.text()).slice(0, 500)}`);
    }
    return res;
  };
  return {
    /** the admin JWT (multipart requests build their own fetch) */
    token,
    raw: call,
    async json(method, url, body, expected) {
      return (await call(method, url, body, expected)).json();
    },
    get: (url) => call('GET', url).then((r) => r.json()),
    put: (url, body) => call('PUT', url, body).then((r) => r.json()),
    post: (url, body) => call('POST', url, body).then((r) => r.json()),
    withToken: (t) => httpClient(baseUrl, t),
  };
}

/** The super admin the bench registers (the browser measurement logs in with it). */
const BENCH_ADMIN = { email: 'bench@journey-map.test', password: 'Password1234', firstname: 'Bench', lastname: 'Runner' };

/** Registers the first super admin through the real route and returns an authenticated client. */
async function adminClient(baseUrl) {
  const anonymous = httpClient(baseUrl);
  const body = await anonymous.post('/admin/register-admin', BENCH_ADMIN);
  return anonymous.withToken(body.data.token);
}

module.exports = { ROOT, PLAYGROUND, BENCH_ADMIN, quietEnv, compilePlayground, bootStrapi, httpClient, adminClient };
