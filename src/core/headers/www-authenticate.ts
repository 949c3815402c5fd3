/** One challenge of a `WWW-Authenticate` or `Proxy-Authenticate` header (RFC 9110 §11.3). */
export interface Challenge {
  /** The scheme as sent ("Bearer", "basic", …); compare with {@link isScheme}. */
  scheme: string;
  /** auth-params by lower-cased name (the first of a repeated name wins). */
  params: Record<string, string>;
  /** The token68 form (`Negotiate YIIG…`), when the challenge carries one instead of params. */
  token68: string | null;
}

const MAX_CHALLENGES = 20;
const MAX_PARAMS = 30;
const MAX_INPUT = 16 * 1024;

const TCHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

/** Schemes in which the browser itself sends a username and password. */
export const PASSWORD_SCHEMES: readonly string[] = ["basic", "digest"];
/** Challenges the browser answers itself, with what was typed in its prompt or the system's sign-in: cookies play no part in them. */
export const BROWSER_SIGN_IN_SCHEMES: readonly string[] = [...PASSWORD_SCHEMES, "negotiate", "ntlm"];

/** True when a challenge's scheme is `name`, compared case-insensitively (RFC 9110 §11.1). */
export function isScheme(challenge: Challenge, name: string): boolean {
  return challenge.scheme.toLowerCase() === name.toLowerCase();
}

/**
 * Parses the challenges of one or more `WWW-Authenticate` values (RFC 9110 §11.6.1): several
 * challenges in one header and across headers, quoted strings with backslash escapes, token68.
 * Never throws; malformed parts are skipped. Runs in time linear in the input, which is cut at 16 KiB.
 */
export function parseWwwAuthenticate(values: string | readonly string[]): Challenge[] {
  const challenges: Challenge[] = [];
  for (const value of typeof values === "string" ? [values] : values) {
    new ChallengeReader(value.slice(0, MAX_INPUT)).readAll(challenges);
    if (challenges.length >= MAX_CHALLENGES) return challenges.slice(0, MAX_CHALLENGES);
  }
  return challenges;
}

class ChallengeReader {
  private i = 0;
  constructor(private readonly s: string) {}

  readAll(out: Challenge[]): void {
    while (out.length < MAX_CHALLENGES) {
      this.skip(/[\s,]/);
      if (this.i >= this.s.length) return;
      const scheme = this.token();
      if (!scheme) {
        this.skipPast(","); // not a challenge: drop everything up to the next list element
        continue;
      }
      const challenge: Challenge = { scheme, params: {}, token68: null };
      out.push(challenge);
      if (!this.skip(/[ \t]/) && this.s[this.i] !== undefined && this.s[this.i] !== ",") {
        this.skipPast(","); // "Basic;realm" and the like: the scheme stands alone
        continue;
      }
      if (!this.readToken68(challenge)) this.readParams(challenge);
    }
  }

  /** `Negotiate YIIG…==` — a token68 is followed only by the end or a comma. */
  private readToken68(challenge: Challenge): boolean {
    const start = this.i;
    while (this.i < this.s.length && TOKEN68_CHAR.test(this.s[this.i] ?? "")) this.i++;
    if (this.i === start) return false;
    while (this.s[this.i] === "=") this.i++;
    const end = this.i;
    this.skip(/[ \t]/);
    if (this.i >= this.s.length || this.s[this.i] === ",") {
      challenge.token68 = this.s.slice(start, end);
      return true;
    }
    this.i = start;
    return false;
  }

  private readParams(challenge: Challenge): void {
    let count = 0;
    for (;;) {
      const start = this.i;
      const name = this.token();
      if (!name) return;
      this.skip(/[ \t]/);
      if (this.s[this.i] !== "=") {
        this.i = start; // a token not followed by "=" starts the next challenge
        return;
      }
      this.i++;
      this.skip(/[ \t]/);
      const value = this.s[this.i] === '"' ? this.quoted() : this.token();
      const key = name.toLowerCase();
      if (count++ < MAX_PARAMS && !(key in challenge.params)) challenge.params[key] = value;
      this.skip(/[ \t]/);
      if (this.s[this.i] !== ",") {
        if (this.i < this.s.length) this.skipPast(",");
        return;
      }
      // After a comma: another param of this challenge, or the next challenge's scheme.
      const comma = this.i;
      this.skip(/[\s,]/);
      const lookahead = this.i;
      const next = this.token();
      this.skip(/[ \t]/);
      const isParam = next !== "" && this.s[this.i] === "=";
      this.i = isParam ? lookahead : comma;
      if (!isParam) return;
    }
  }

  private token(): string {
    const start = this.i;
    while (this.i < this.s.length && TCHAR.test(this.s[this.i] ?? "")) this.i++;
    return this.s.slice(start, this.i);
  }

  /** A quoted-string (RFC 9110 §5.6.4); an unterminated one runs to the end. */
  private quoted(): string {
    let out = "";
    this.i++; // opening quote
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === '"') return out;
      if (c === "\\" && this.i < this.s.length) out += this.s[this.i++];
      else out += c;
    }
    return out;
  }

  private skip(chars: RegExp): boolean {
    const start = this.i;
    while (this.i < this.s.length && chars.test(this.s[this.i] ?? "")) this.i++;
    return this.i > start;
  }

  private skipPast(char: string): void {
    const at = this.s.indexOf(char, this.i);
    this.i = at < 0 ? this.s.length : at + 1;
  }
}
