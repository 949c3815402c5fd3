/**
 * Resolves every *.test host to 127.0.0.1 in this process, as Chromium's host-resolver rules do
 * for the browser: an OpenID app calls its identity provider (discovery, the token endpoint) by the
 * same name the browser uses. Like a line in /etc/hosts; the libraries are not touched. Imported
 * before anything connects.
 */
import dns from "node:dns";

const lookup = dns.lookup;
dns.lookup = function lookupTestHosts(hostname, options, callback) {
  if (typeof options === "function") {
    callback = options;
    options = {};
  }
  if (typeof hostname === "string" && /\.test$/i.test(hostname)) {
    const all = typeof options === "object" && options !== null && options.all;
    return void process.nextTick(() => (all ? callback(null, [{ address: "127.0.0.1", family: 4 }]) : callback(null, "127.0.0.1", 4)));
  }
  return lookup.call(this, hostname, options, callback);
};
