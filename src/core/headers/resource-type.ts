import { text, verbatim, type MessageKey, type Phrase } from "../report/text";

const TYPE_KEYS: Record<string, MessageKey> = {
  main_frame: "typeMainFrame",
  sub_frame: "typeSubFrame",
  xmlhttprequest: "typeXhr",
  image: "typeImage",
  imageset: "typeImage",
  script: "typeScript",
  stylesheet: "typeStylesheet",
  font: "typeFont",
  media: "typeMedia",
  other: "typeOther",
  ping: "typePing",
  beacon: "typePing",
  websocket: "typeWebsocket",
  csp_report: "typeCspReport",
  object: "typeObject",
};

/** What kind of request failed, in words ("Fetch/XHR", "Page"); a type the browser added since, as it names it. */
export function resourceTypeName(type: string): Phrase {
  const key = TYPE_KEYS[type];
  return key ? text(key) : verbatim(type);
}

const A_FILE_KEYS: Record<string, MessageKey> = {
  image: "aFileImage",
  imageset: "aFileImage",
  ping: "aFilePing",
  csp_report: "aFileSecurityReport",
  script: "aFileScript",
  stylesheet: "aFileStylesheet",
  font: "aFileFont",
  media: "aFileMedia",
  object: "aFileObject",
};

/** "an image", "a script": a passive resource as the object of a sentence. */
export function aFile(type: string): Phrase {
  return text(A_FILE_KEYS[type] ?? "aFileOther");
}
