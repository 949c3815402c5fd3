/** The real-server lab's scenarios, by server family. */
import { NODE_SCENARIOS } from "./node";
import { PYTHON_SCENARIOS } from "./python";
import type { RealScenario } from "./scenario";
import { WEB_SERVER_SCENARIOS } from "./web-servers";
import { APPLICATION_SCENARIOS } from "./applications";
import { REFUSED_COOKIE_SCENARIOS } from "./refused-cookies";

export type { RealScenario } from "./scenario";

export const REAL_SCENARIOS: readonly RealScenario[] = [...WEB_SERVER_SCENARIOS, ...PYTHON_SCENARIOS, ...NODE_SCENARIOS, ...APPLICATION_SCENARIOS, ...REFUSED_COOKIE_SCENARIOS];
