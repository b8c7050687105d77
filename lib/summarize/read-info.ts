// What the summary read, shared by the page side (read-for-summary, in the content script) and the views that
// show it (the panel's header, the side panel).

/** What was read, for the panel's header: "Selection · 1,234 words". */
export interface ReadInfo {
  source: 'selection' | 'page';
  /** Text the user pasted into the side panel, not read from a page. */
  pasted?: boolean;
  words: number;
  chars: number;
  title?: string;
  /** Page text came from Readability ('article') or, when it found no article, all visible text. */
  method?: 'article' | 'visible-text';
  inFrame?: boolean;
  /** The selection could not be read in the page, so Chrome's (possibly shortened) copy was used. */
  fromChrome?: boolean;
  /** A PDF's page count: the header then reads "PDF · 12 pages · 3,456 words". */
  pages?: number;
}
