/** What the lab's Node sites (servers/node/apps.mjs) are configured with, handed to them in AUTHLENS_NODE_SITE. */
export const NODE_SITE = {
  /** The one account they know. */
  user: { name: "alice", password: "correct horse" },
  /** The express-jwt and Koa sites' signing secret. */
  jwtSecret: "authlens-real-lab-jwt-secret",
} as const;

/** The OpenID apps, by client id, and the hosts the browser reaches them at. */
export const OPENID_APPS = { notes: "notes.oidc-app.test", wiki: "wiki.oidc-app.test", stale: "www.stale.oidc-app.test" } as const;
/** The identity provider's host; its URLs carry its port, so the apps reach it by the same name (servers/node/test-hosts.mjs). */
export const IDP_HOST = "id.oidc.test";

/** The OpenID part of the configuration, once the identity provider's port is known. */
export function openIdSite(idpPort: number) {
  return {
    issuer: `http://${IDP_HOST}:${idpPort}`,
    apps: Object.fromEntries(Object.entries(OPENID_APPS).map(([id, host]) => [id, `http://${host}`])),
  };
}
