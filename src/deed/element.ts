import { InvalidInputError, OmrlError } from "../errors.js";
import type { OmrlTerms } from "../terms/index.js";
import { calculateOwed } from "./calculate-owed.js";
import { checkDeedTerms, MAX_TERMS_BYTES, type DeedStatus } from "./deed-status.js";
import { DEED_CSS } from "./deed-styles.js";
import { describeTerms } from "./describe-terms.js";
import { escapeHtml } from "./escape-html.js";
import { renderCalculatorForm, renderOwedResult } from "./render-calculator.js";
import { renderStatus } from "./render-status.js";
import { renderSummary } from "./render-summary.js";

/** The tag name `defineOmrlDeed()` registers by default. */
export const OMRL_DEED_TAG = "omrl-deed";

/** Detail of the `omrl-deed-status` event the element fires whenever it has checked its terms. */
export type OmrlDeedStatusEventDetail = { status: DeedStatus; terms?: OmrlTerms | undefined };

// Node (SSR, tests) has no HTMLElement: the module still loads, the class is inert there.
const Base = (typeof HTMLElement === "undefined" ? class {} : HTMLElement) as typeof HTMLElement;

/** The body as text, refusing more than MAX_TERMS_BYTES even when no length was announced. */
async function readBounded(response: Response, where: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_TERMS_BYTES) {
      await reader.cancel();
      throw new InvalidInputError(`the terms at ${where} are larger than ${MAX_TERMS_BYTES} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

const message = (error: unknown) => (error instanceof OmrlError ? error.shortMessage : error instanceof Error ? error.message : String(error));

/**
 * `<omrl-deed>`: the licence deed of one OMRL release, for hubs and model pages. It takes the
 * terms JSON from the `terms` attribute, the `terms` property (text or object) or a `src` URL,
 * checks them in the browser (schema, terms hash, the licensor's EIP-712 signature) and renders
 * the status line and the summary in a shadow root; `calculator` adds "What would I owe?".
 * Themable with the `--omrl-deed-*` custom properties and the `status`, `calculator` and `deed`
 * parts. The host reflects the outcome in `data-state` (`loading`, `valid`, `invalid`, `error`)
 * and fires `omrl-deed-status`.
 *
 * @example
 * <script type="module">import "omrl/deed";</script>
 * <omrl-deed src="/acme/tiny-1b/resolve/main/omrl.json" calculator></omrl-deed>
 */
export class OmrlDeedElement extends Base {
  static get observedAttributes() {
    return ["terms", "src", "calculator", "heading-level"];
  }

  #terms: string | object | undefined;
  #generation = 0;
  #checked: OmrlTerms | undefined;
  #root: ShadowRoot | undefined;

  /** The terms shown: JSON text or an already parsed object. */
  get terms(): string | object | undefined {
    return this.#terms ?? this.getAttribute("terms") ?? undefined;
  }
  set terms(value: string | object | undefined) {
    this.#terms = value;
    void this.#load();
  }

  /** The status of the last check, once there is one. */
  status: DeedStatus | undefined;

  connectedCallback(): void {
    if (!this.#root) this.#root = this.attachShadow({ mode: "open" });
    void this.#load();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) void this.#load();
  }

  get #headingLevel(): number {
    const n = Number(this.getAttribute("heading-level") ?? "2");
    return Number.isInteger(n) && n >= 1 && n <= 5 ? n : 2;
  }

  #paint(body: string): void {
    this.#root!.innerHTML = `<style>${DEED_CSS}</style><div class="deed" part="deed">${body}</div>`;
  }

  async #input(): Promise<string | object> {
    if (this.#terms !== undefined) return this.#terms;
    const attribute = this.getAttribute("terms");
    if (attribute !== null) return attribute;
    const src = this.getAttribute("src");
    if (src === null) throw new InvalidInputError('no terms: set the "terms" attribute or property, or a "src" URL');
    const url = new URL(src, document.baseURI);
    let response: Response;
    try {
      response = await fetch(url, { credentials: "omit" });
    } catch (error) {
      throw new InvalidInputError(`cannot load the terms from ${url.href}: ${message(error)}`);
    }
    if (!response.ok) throw new InvalidInputError(`cannot load the terms from ${url.href}: HTTP ${response.status}`);
    const length = Number(response.headers.get("content-length") ?? "0");
    if (length > MAX_TERMS_BYTES) throw new InvalidInputError(`the terms at ${url.href} are ${length} bytes, more than the ${MAX_TERMS_BYTES} accepted`);
    return readBounded(response, url.href);
  }

  async #load(): Promise<void> {
    if (!this.#root) return;
    const generation = ++this.#generation;
    this.setAttribute("data-state", "loading");
    this.#paint(renderStatus(undefined));
    let result: Awaited<ReturnType<typeof checkDeedTerms>>;
    try {
      result = await checkDeedTerms(await this.#input());
    } catch (error) {
      result = { status: { state: "error", headline: message(error), problems: [], issues: [] } };
    }
    if (generation !== this.#generation) return; // superseded by a newer input
    const { terms, status } = result;
    this.status = status;
    this.#checked = terms;
    let body = renderStatus(status);
    if (terms) {
      body += renderSummary(describeTerms(terms), { headingLevel: this.#headingLevel });
      if (this.hasAttribute("calculator")) body += renderCalculatorForm(terms, { headingLevel: this.#headingLevel });
    }
    this.#paint(body);
    this.#root.querySelector("form")?.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#calculate(event.currentTarget as HTMLFormElement);
    });
    this.setAttribute("data-state", status.state);
    this.dispatchEvent(new CustomEvent<OmrlDeedStatusEventDetail>("omrl-deed-status", { detail: { status, terms }, bubbles: true, composed: true }));
  }

  #calculate(form: HTMLFormElement): void {
    const out = this.#root!.querySelector(".result")!;
    const terms = this.#checked;
    if (!terms) return;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value;
    try {
      const { obligations } = calculateOwed({
        terms,
        termsHash: this.status && "termsHash" in this.status ? this.status.termsHash : undefined,
        report: value("report"),
        period: value("period"),
        gross: value("gross"),
        refunds: value("refunds"),
        mau: value("mau"),
        attributionWeight: value("weight"),
        tokenPerFiat: value("rate") ?? "1",
      });
      out.innerHTML = renderOwedResult(obligations, terms);
    } catch (error) {
      out.innerHTML = `<p class="error" role="alert"><strong>Cannot compute:</strong> ${escapeHtml(message(error))}</p>`;
    }
  }
}

/**
 * Registers `<omrl-deed>` (or another tag name) once; safe to call again. Importing `omrl/deed`
 * calls it for you.
 *
 * @example
 * import { defineOmrlDeed } from "omrl/deed";
 * defineOmrlDeed("hub-licence-deed");
 */
export function defineOmrlDeed(tagName: string = OMRL_DEED_TAG): void {
  if (typeof customElements === "undefined" || customElements.get(tagName)) return;
  customElements.define(tagName, tagName === OMRL_DEED_TAG ? OmrlDeedElement : class extends OmrlDeedElement {});
}
