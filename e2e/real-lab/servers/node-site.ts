/** What the lab's Node sites (servers/node/apps.mjs) are configured with, handed to them in AUTHLENS_NODE_SITE. */
export const NODE_SITE = {
  /** The one account they know. */
  user: { name: "alice", password: "correct horse" },
  /** The express-jwt and Koa sites' signing secret. */
  jwtSecret: "authlens-real-lab-jwt-secret",
} as const;
