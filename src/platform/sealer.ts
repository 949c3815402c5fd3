/**
 * Seals what Undo must keep (cookie values) before it is written to `storage.session`: AES-GCM
 * under a key that scripts cannot read (`extractable: false`). The key lives in the extension's
 * IndexedDB, so sealed snapshots survive the worker being stopped; the sealed data lives only in
 * `storage.session`, in memory. Neither place alone holds a readable cookie value.
 */
export interface Sealed {
  /** base64 of the 12-byte IV. */
  iv: string;
  /** base64 of the ciphertext. */
  data: string;
}

export interface Sealer {
  seal(plain: string): Promise<Sealed>;
  /** The plain text, or null when the sealed value is malformed or was sealed under another key. */
  open(sealed: unknown): Promise<string | null>;
}

export const SEAL_ALGORITHM = { name: "AES-GCM", length: 256 } as const;

/** Makes a fresh key that can only be used, never exported. */
export const newSealingKey = () => crypto.subtle.generateKey(SEAL_ALGORITHM, false, ["encrypt", "decrypt"]);

export function createSealer(key: () => Promise<CryptoKey>): Sealer {
  return {
    async seal(plain) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await key(), new TextEncoder().encode(plain));
      return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
    },
    async open(sealed) {
      if (typeof sealed !== "object" || sealed === null) return null;
      const { iv, data } = sealed as Partial<Sealed>;
      if (typeof iv !== "string" || typeof data !== "string") return null;
      try {
        const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(iv) }, await key(), fromBase64(data));
        return new TextDecoder().decode(plain);
      } catch {
        return null;
      }
    },
  };
}

const DB = "authlens-keys";
const STORE = "keys";
const KEY_ID = "undo";

/**
 * The sealing key, kept in the extension's IndexedDB as a non-extractable CryptoKey (structured
 * clone keeps it unreadable). Made on first use; one promise per worker run.
 */
export function indexedDbSealingKey(): () => Promise<CryptoKey> {
  let pending: Promise<CryptoKey> | null = null;
  return () => {
    pending ??= loadOrCreate().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

async function loadOrCreate(): Promise<CryptoKey> {
  const db = await request(
    (() => {
      const open = indexedDB.open(DB, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      return open;
    })(),
  );
  try {
    // Made before the transaction (an await inside would let it commit early), then added only if
    // no key is there yet, in one read-write transaction, and used only once that has committed:
    // a key that was never saved would seal snapshots no later worker could open.
    const fresh = await newSealingKey();
    const tx = db.transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    let key: CryptoKey = fresh;
    const existing = store.get(KEY_ID);
    existing.onsuccess = () => {
      if (existing.result instanceof CryptoKey) key = existing.result;
      else store.add(fresh, KEY_ID);
    };
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
      tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    });
    return key;
  } finally {
    db.close();
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}
