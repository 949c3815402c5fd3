/**
 * Starts the lab's Node sites in this process: AUTHLENS_NODE_APPS is a JSON list of
 * { name, port, pages }. Run as its own process so one instance can run on a skewed clock
 * (libfaketime), as a server whose clock is wrong would.
 */
import "./test-hosts.mjs";
import { listen } from "./apps.mjs";

const apps = JSON.parse(process.env.AUTHLENS_NODE_APPS ?? "[]");
for (const { name, port, pages } of apps) await listen(name, port, pages);
console.log(`listening: ${apps.map((a) => `${a.name}:${a.port}`).join(", ")}`);
