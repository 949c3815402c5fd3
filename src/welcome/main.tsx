import { render } from "preact";
import browser from "webextension-polyfill";
import { speakOnPage, t } from "../platform/i18n";
import { isFirefox } from "../platform/browser-kind";

speakOnPage(document, "welcomeTitle");

/** The first-run page: what AuthLens does, how to keep its icon in sight, what it keeps, and where to try it. */
/** `shortcut`: the key that opens the popup, "" when none is set (another extension took it), null while asking. */
function Welcome({ shortcut }: { shortcut: string | null }) {
  return (
    <main class="welcome">
      <h1>{t("welcomeTitle")}</h1>
      <p class="lead">{t("welcomeWhat")}</p>
      <h2>{t("welcomePinTitle")}</h2>
      <p>{t(isFirefox() ? "welcomePinFirefox" : "welcomePinChrome")}</p>
      {shortcut !== null && <p>{shortcut ? t("welcomeShortcut", shortcut) : t(isFirefox() ? "welcomeNoShortcutFirefox" : "welcomeNoShortcutChrome")}</p>}
      <h2>{t("welcomePrivacyTitle")}</h2>
      <p>{t("welcomePrivacy")}</p>
      <h2>{t("welcomeTryTitle")}</h2>
      <p>{t("welcomeTry")}</p>
      <p>
        <a href="../options/index.html">{t("popupOpenSettings")}</a>
      </p>
    </main>
  );
}

const root = document.getElementById("app");
if (root) {
  render(<Welcome shortcut={null} />, root);
  // The shortcut as the person has it (they may have changed it, or another extension took it).
  void browser.commands
    ?.getAll()
    .then((commands) => render(<Welcome shortcut={commands.find((c) => c.name === "_execute_action")?.shortcut ?? ""} />, root))
    .catch(() => undefined);
}
