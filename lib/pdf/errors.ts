import { HearthError } from '../messaging/errors';

/** One class per way a PDF cannot be read; each message says what the user can do. */
export class NotPdfError extends HearthError {}
export class EncryptedPdfError extends HearthError {}
export class NoTextLayerError extends HearthError {}
export class PdfTooBigError extends HearthError {}
export class DamagedPdfError extends HearthError {}
/** The bytes could not be fetched: no permission for the site, a local file without file access, the network. */
export class PdfAccessError extends HearthError {
  constructor(message: string, readonly origin?: string) {
    super(message);
  }
}

/** The tab is Chrome's PDF viewer at an address that does not end in ".pdf" (its document says application/pdf). */
export class PdfTabError extends HearthError {}

/** Limits: big enough for a long report or a book chapter, small enough to hold in the side panel's memory. */
export const PDF_LIMITS = { maxBytes: 64 * 1024 * 1024, maxPages: 2000 } as const;

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
