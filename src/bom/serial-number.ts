import { sha1 } from "@noble/hashes/legacy";
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";

/** RFC 9562's URL namespace, under which the BOM's content digest is named. */
const URL_NAMESPACE = "6ba7b8119dad11d180b400c04fd430c8";

/**
 * A BOM serial number derived from its content: the name-based (version 5) UUID of
 * `omrl-bom:sha256:<digest of the content>`, as `urn:uuid:…`. The same content always gets the
 * same serial number, so a BOM can be committed and diffed; any change gives a new one.
 *
 * @example
 * contentSerialNumber(JSON.stringify(bomWithoutSerial)) // "urn:uuid:3f2c…"
 */
export function contentSerialNumber(content: string): string {
  const name = utf8ToBytes(`omrl-bom:sha256:${bytesToHex(sha256(utf8ToBytes(content)))}`);
  const input = new Uint8Array(16 + name.length);
  for (let i = 0; i < 16; i++) input[i] = parseInt(URL_NAMESPACE.slice(i * 2, i * 2 + 2), 16);
  input.set(name, 16);
  const bytes = sha1(input).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
