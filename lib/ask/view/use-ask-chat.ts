import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { StoredMessage } from '../../chat/chat-store';
import type { AskTurn, TurnBudget } from '../../chat/ask-turn';
import { createTokenRatio, estimateTokensUpperBound } from '../../tokens/estimate';
import { calibrateWithCount } from '../../tokens/count-text';
import { readPdfTab } from '../../pdf/view/read-pdf-tab';
import { createTabAccess, type ReadPdf, type TabsBrowser } from './tab-access';
import { useAsk, type Ask, type TabEvents } from './use-ask';
import { followUpSource, summaryTurns, watchFollowUps, type FollowUp, type FollowUpStorage } from '../follow-up';
import { askTurn, primeKey, primeRequest, type AskOver } from '../ask-turn';
import { usePrime, type Prime } from './use-prime';
import { createBrowserSession } from '../browser-session';
import type { CitedPassage } from '../source';
import type { ReadAhead } from '../read-ahead';
import type { PrimeProgress } from '../../messaging/protocol';

export interface AskChatDeps {
  /** Tokens by the loaded model's tokenizer (`llm.countTokens`), or null when none is at hand. */
  countTokens(text: string): Promise<number | null>;
  /** Read a prompt into the model's cache ahead of the question (`llm.prime`); absent: nothing is read ahead. */
  prime?: Prime;
  /** How far a prime is read (`llm.primeProgress`): a question asked before the end is answered from part of it. */
  primeProgress?: (key: string) => Promise<PrimeProgress | null>;
  browser?: TabsBrowser & { tabs: TabEvents };
  /** Reads a PDF tab (Chrome's viewer runs no content script). */
  readPdf?: ReadPdf;
  /** Where a summary leaves "Ask a follow-up" (storage.session); null: none is taken. */
  session?: FollowUpStorage | null;
  /** This browser session's id, stamped on sources so a citation is never looked for after a restart. */
  browserSession?: () => Promise<string>;
}

const ownBrowserSession = () => createBrowserSession(browser.storage.session);

/** What the ask side needs of the chat: sending with an ask turn, the conversation on screen, the budget. */
export interface ChatForAsk {
  send(text: string, ask?: AskTurn): Promise<boolean>;
  /** The messages of the conversation on screen (the earlier turns of the next question). */
  messages: StoredMessage[];
  /** Null until the model and settings are known. */
  budget: TurnBudget | null;
  /** An answer is being written (the conversation is read ahead again once it ends). */
  answering?: boolean;
}

/**
 * A summary's "Ask a follow-up": ask about its tab, the summary as the turns before the first question. When the
 * summary read a page in one step over its passages, the chat asks about that very text (its first prompt then starts
 * with the summary's, which the engine still holds); otherwise (a selection, a PDF, a summary in parts) it reads the
 * tab again.
 */
function useFollowUp(session: FollowUpStorage | null, current: () => Promise<number | undefined>, ask: Pick<Ask, 'askAboutTab' | 'askAboutRead'>) {
  const [context, setContext] = useState<(FollowUp & { tabId: number }) | null>(null);
  const latest = useRef(ask);
  latest.current = ask;
  useEffect(() => {
    if (!session) return;
    return watchFollowUps(session, async (f) => {
      const tabId = f.tabId ?? (await current());
      if (tabId === undefined) return;
      setContext({ ...f, tabId });
      if (f.source) latest.current.askAboutRead(followUpSource(f.source, tabId));
      else await latest.current.askAboutTab(tabId);
    });
  }, [session]);
  return context;
}

/**
 * The chat app's side of "Ask about this page": while sources are in use, a message is a question about them (its
 * prompt built by `askTurn` from the passages); otherwise it goes to the chat as before. Passages are sized in the
 * model's own tokens: the engine counts the sources' text once (summarize's calibration). Whenever the sources change
 * (opened, a tab added, a PDF read, a follow-up taken), the next question's prompt up to the question is read ahead.
 */
export function useAskChat(chat: ChatForAsk, deps: AskChatDeps) {
  const { countTokens, prime, browser: b = browser as never, readPdf = readPdfTab, session = browser.storage.session as never } = deps;
  const [browserSession] = useState(() => deps.browserSession ?? ownBrowserSession());
  const access = useMemo(() => createTabAccess(b, browserSession, readPdf), [b, browserSession, readPdf]);
  const ask = useAsk(access, b.tabs);
  const context = useFollowUp(session, async () => (await access.current())?.id, ask);
  const followUp = context && ask.state.sources.some((s) => s.tabId === context.tabId) ? context : null;
  const ratio = useRef(createTokenRatio());
  const calibrated = useRef('');

  /** What the questions are asked over now, sized in the model's tokens once the engine has counted the sources. */
  async function over(): Promise<AskOver> {
    const sources = ask.text();
    if (calibrated.current !== sources) {
      await calibrateWithCount(ratio.current, sources, countTokens); // null when no model is loaded yet: the prior stays
      if (ratio.current.measured !== null) calibrated.current = sources;
    }
    const r = ratio.current;
    // Until the engine has counted (no model loaded yet), one token per UTF-8 byte: no tokenizer makes more, so
    // the first question fits whatever the model; once loaded, its own count sizes the passages.
    const count = (t: string) => (!t ? 0 : r.measured === null ? estimateTokensUpperBound(t) : Math.ceil((t.length * 1000) / r.charsFor(1000, t)));
    return { passages: ask.passages(), lead: followUp ? summaryTurns(followUp) : [], countTokens: count };
  }
  // Questions asked over part of the sources (read ahead only in part): after one, the rest is read again.
  const [partials, setPartials] = useState(0);
  const turnFor = async (text: string, given?: CitedPassage[], readAhead?: ReadAhead): Promise<AskTurn> => {
    const turn = askTurn(text, { ...(await over()), readAhead }, given);
    return (before, b) => {
      const built = turn(before, b);
      if (built.readAgain) setPartials((n) => n + 1);
      return built;
    };
  };

  const open = ask.state.sources.filter((s) => s.state === 'ok');
  const budget = chat.budget;
  // Read ahead when the sources open, and once a question was asked over part of them, again after each answer (the
  // next question's prompt holds it all): never while that answer is written, which the prompt would catch half-way.
  // Otherwise an answer primes nothing: the cache holds what its question read.
  const answers = partials ? `|${chat.messages.filter((m) => m.role === 'assistant').length}` : '';
  const when = open.length && budget && !ask.state.busy && !(partials && chat.answering)
    ? `${primeKey(open)}|${followUp?.at ?? ''}|${budget.contextTokens}/${budget.answerTokens}${answers}` : null;
  const primed = usePrime(when, async () => (budget ? { request: primeRequest(await over(), chat.messages, budget), key: primeKey(open) } : null), prime);

  /** How far the prime of the sources is read now, when the host took it and knows how fast it reads. */
  async function readAheadNow(): Promise<ReadAhead | undefined> {
    if (!primed?.accepted || !deps.primeProgress) return undefined;
    const p = await deps.primeProgress(primed.key).catch(() => null);
    return p && p.tokensPerSec ? { ...p, tokensPerSec: p.tokensPerSec } : undefined;
  }

  return {
    ask,
    access,
    followUp,
    /** The last prime sent for these sources (null before any). */
    primed,
    /** Edit an earlier question about the sources: asked again over the sources still open, ranked for the new text. */
    edit: async (messageId: string, text: string, editAndResend: (id: string, text: string, ask?: AskTurn) => Promise<boolean>) =>
      editAndResend(messageId, text, text.trim() ? await turnFor(text) : undefined),
    /** The turn to ask `question` again with (regenerate): its own passages, the same lead; none for a plain message. */
    again: async (question: StoredMessage | undefined): Promise<AskTurn | undefined> =>
      question?.role === 'user' && question.passages ? turnFor(question.content, question.passages) : undefined,
    send: async (text: string) => (ask.active && text.trim() ? chat.send(text, await turnFor(text, undefined, await readAheadNow())) : chat.send(text)),
  };
}

/** The passages given with the question an answer replies to (the user message just before it), if any. */
export const passagesFor = (messages: StoredMessage[], index: number) =>
  messages[index]?.role === 'assistant' ? messages[index - 1]?.passages : undefined;
