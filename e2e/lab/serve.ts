/** `npm run lab`: the auth lab alone, for use with your own browser (see README). */
import { startLab } from "./server";

const lab = await startLab(Number(process.env.LAB_PORT ?? 8787));
console.log(`Auth lab on 127.0.0.1:${lab.port}. Start Chromium with:
  --host-resolver-rules="MAP *.test 127.0.0.1:${lab.port}" --proxy-pac-url=${lab.pacUrl}
then open ${lab.index}`);
