import en from "../../public/_locales/en/messages.json";
import { speakWithoutBrowser } from "../platform/i18n";

// Unit tests run without the browser's i18n: AuthLens speaks its English catalogue, as Chrome does for English.
speakWithoutBrowser(en, "en");
