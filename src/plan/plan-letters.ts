import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedAction } from '../load/load-action.js';
import type { Recipient } from '../schema/action-schema.js';
import { resolveLocalized } from '../schema/localized.js';
import type { Signer } from '../load/load-signers.js';
import type { SignerList } from '../load/signer-list.js';
import type { EmbassyDirectory, Sender } from '../schema/sender-schema.js';
import { toSlug } from '../write/slug.js';
import type { LetterKind, LetterList, LetterSpan, PlannedLetter } from './planned-letter.js';

export interface PlanOptions {
  /** Languages to write in; `all` for every allowed one; empty for the action's first language. */
  readonly languages: readonly string[] | 'all';
  /** Also write to the copies-to recipients. */
  readonly includeCopies: boolean;
  /** Local diplomatic representatives, for actions that ask for diplomatic copies. */
  readonly embassies?: EmbassyDirectory;
  /** The one sender of every letter (ignored when there are signers). */
  readonly sender?: Sender | null;
  /** One letter per signer per recipient; file names carry the row number, never the name. */
  readonly signers?: SignerList;
  /** The section office's address, for signers who do not want their own in the letter. */
  readonly returnAddress?: Sender;
}

/** The letters for one action, or why none can be planned, plus notes (e.g. a skipped embassy copy). */
export interface LetterPlan {
  readonly letters: LetterList;
  readonly diagnostics: readonly Diagnostic[];
}

/** Lists every letter to write for an action: per language, per recipient (and copy, and embassy). */
export function planLetters(source: LoadedAction, options: PlanOptions): LetterPlan {
  const { action } = source;
  const diagnostics: Diagnostic[] = [];
  const note = (code: string, message: string, severity: 'error' | 'warning' = 'warning') =>
    diagnostics.push({ code, severity, message, file: source.file, line: 0, column: 0, path: '' });

  const languages = options.languages === 'all' ? action.languages : options.languages.length > 0 ? options.languages : action.languages.slice(0, 1);
  const unknown = languages.filter((language) => !action.languages.includes(language));
  if (unknown.length > 0) {
    note('plan/language-not-allowed', `this action allows letters in ${action.languages.join(', ')}, not in ${unknown.join(', ')}`, 'error');
    return { letters: new PlannedLetters(source, [], options), diagnostics };
  }

  const targets: { kind: LetterKind; recipient: Recipient; path: (string | number)[] }[] = action.recipients.map((recipient, i) => ({ kind: 'recipient', recipient, path: ['recipients', i] }));
  if (options.includeCopies) {
    action.copies.forEach((recipient, i) => targets.push({ kind: 'copy', recipient, path: ['copies', i] }));
  }
  if (action.diplomatic_copies) {
    const country = action.diplomatic_copies.country ?? action.country;
    const embassy = options.embassies ? findEmbassy(options.embassies, country) : undefined;
    if (embassy) targets.push({ kind: 'diplomatic', recipient: embassy, path: [] });
    else if (options.embassies) note('plan/no-embassy', `the embassies file has no entry for ${country}: the diplomatic copy was skipped`);
    else note('plan/diplomatic-skipped', `this action asks for copies to the diplomatic representatives of ${country}; pass --embassies FILE to write them (skipped)`);
  }

  const defaultLanguage = action.languages[0] ?? 'en';
  const addressees: Addressee[] = [];
  for (const language of languages) {
    targets.forEach((target, index) => {
      const label = resolveLocalized(target.recipient.name, language, defaultLanguage) ?? resolveLocalized(target.recipient.title, language, defaultLanguage) ?? resolveLocalized(target.recipient.organisation, language, defaultLanguage) ?? target.kind;
      const sequence = String(index + 1).padStart(2, '0');
      addressees.push({ language, ...target, folder: `${source.slug}/${toSlug(language, 'xx')}/${sequence}-${toSlug(label, target.kind)}` });
    });
  }
  return { letters: new PlannedLetters(source, addressees, options), diagnostics };
}

/** A recipient in one language, and the folder its letters go to. */
interface Addressee {
  readonly language: string;
  readonly kind: LetterKind;
  readonly recipient: Recipient;
  readonly path: readonly (string | number)[];
  readonly folder: string;
}

// The plan as addressees times signers: a letter is made from its index when asked for. A batch
// of 100,000 letters kept as objects held ~100 bytes each for the whole run, and the signers'
// letters only need their row.
class PlannedLetters implements LetterList {
  readonly length: number;
  readonly spans: readonly LetterSpan[];
  readonly #perAddressee: number;

  constructor(
    private readonly source: LoadedAction,
    private readonly addressees: readonly Addressee[],
    private readonly options: Pick<PlanOptions, 'signers' | 'sender' | 'returnAddress'>,
  ) {
    this.#perAddressee = options.signers ? options.signers.length : 1;
    this.length = addressees.length * this.#perAddressee;
    const spans: LetterSpan[] = [];
    for (let start = 0; start < this.length; start += this.#perAddressee) {
      spans.push({ start, end: start + this.#perAddressee, first: this.at(start)! });
    }
    this.spans = spans;
  }

  at(index: number): PlannedLetter | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    const addressee = this.addressees[Math.floor(index / this.#perAddressee)]!;
    const { signers, sender, returnAddress } = this.options;
    const signer = signers?.at(index % this.#perAddressee);
    const from = signer ? signerSender(signer, returnAddress) : (sender ?? null);
    return new Letter(this.source, addressee.language, addressee.kind, addressee.recipient, addressee.path, from, signer, addressee.folder);
  }

  *[Symbol.iterator](): Iterator<PlannedLetter> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }
}

// A letter of the plan, one class for all (one hidden class in V8: object literals made by
// spreading get one each, ~700 bytes a letter in a batch of 100,000). Its path is made when asked
// for, from the recipient's folder and the signer's row: kept, it would be a string per letter
// for the whole run.
class Letter implements PlannedLetter {
  constructor(
    readonly source: LoadedAction,
    readonly language: string,
    readonly kind: LetterKind,
    readonly recipient: Recipient,
    readonly recipientPath: readonly (string | number)[],
    readonly sender: Sender | null,
    readonly signer: Signer | undefined,
    private readonly folder: string,
  ) {}

  get basePath(): string {
    return this.signer === undefined ? this.folder : `${this.folder}/signer-${String(this.signer.row).padStart(5, '0')}`;
  }
}

/** The sender block of a signer's letter: their own address, or the office's when they asked for it. */
export function signerSender(signer: Signer, returnAddress: Sender | undefined): Sender {
  if (!signer.useReturnAddress || !returnAddress) return signer.sender;
  // One per signer object: shared by a signer's letters when the signers are an array (a compact
  // list makes a signer for each letter, and this sender goes with it).
  let byAddress = officeSenders.get(signer);
  if (!byAddress) officeSenders.set(signer, (byAddress = new WeakMap()));
  let sender = byAddress.get(returnAddress);
  if (!sender) {
    // The office's name becomes a c/o line; its email is not the signer's and is left out.
    const office = returnAddress.name;
    const address = [...(office ? [`c/o ${office}`] : []), ...(returnAddress.address ?? [])];
    sender = {
      name: signer.sender.name || undefined,
      address: address.length > 0 ? address : undefined,
      postcode: returnAddress.postcode || undefined,
      city: returnAddress.city || undefined,
      country: returnAddress.country || undefined,
    };
    byAddress.set(returnAddress, sender);
  }
  return sender;
}

const officeSenders = new WeakMap<Signer, WeakMap<Sender, Sender>>();

function findEmbassy(directory: EmbassyDirectory, country: string): Recipient | undefined {
  const wanted = country.trim().toLocaleLowerCase('en');
  const key = Object.keys(directory).find((name) => name.trim().toLocaleLowerCase('en') === wanted);
  return key === undefined ? undefined : directory[key];
}
