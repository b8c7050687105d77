/**
 * A passage of an open tab's text that a question about tabs (lib/ask) was asked with. The chat stores them with the
 * question, so an answer can cite them and a regenerated answer is asked over the same text.
 */
/** Where a passage sits: enough to switch to its tab and find it again there. */
export interface PassageLocation {
  tabId: number;
  url: string;
  title: string;
  page?: number;
  /** Character offsets into the section's text: `section.text.slice(start, end) === passage.text`. */
  start: number;
  end: number;
  /** The browser session it was read in (lib/ask/browser-session.ts): a tab id means nothing in another one. */
  session?: string;
}

export interface Passage extends PassageLocation {
  /** Stable within one source: "<tabId>:<section>:<index>". */
  id: string;
  text: string;
}

/** A passage as given to the model under a number ([1], [2]…), stored with the question that used it. */
export interface CitedPassage extends Passage {
  n: number;
}
