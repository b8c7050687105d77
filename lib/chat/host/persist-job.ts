import type { Job } from '../../llm/host/jobs';
import type { ChatStore, MessageStatus } from '../chat-store';

const statusOf: Record<Job['status'], MessageStatus> = { running: 'streaming', done: 'done', stopped: 'stopped', error: 'error' };

/**
 * Save a detached answer into its conversation, so closing the popup loses nothing. The host is the one writer of
 * answers: the first save adds the message (status 'streaming'), later ones update it; the chat app only renders.
 */
export async function persistJob(store: Pick<ChatStore, 'saveAnswer'>, job: Job): Promise<void> {
  if (!job.persist) return;
  await store.saveAnswer(job.persist.conversationId, job.persist.messageId, {
    content: job.text,
    status: statusOf[job.status],
    stats: job.stats,
    error: job.error?.message,
  });
}
