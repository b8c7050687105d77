import type { Job } from './jobs';
import type { ChatStore, MessageStatus } from '../chat/chat-store';

const statusOf: Record<Job['status'], MessageStatus> = { running: 'streaming', done: 'done', stopped: 'stopped', error: 'error' };

/** Save a detached answer into its conversation, so closing the popup loses nothing. */
export async function persistJob(store: Pick<ChatStore, 'updateMessage'>, job: Job): Promise<void> {
  if (!job.persist) return;
  await store.updateMessage(job.persist.conversationId, job.persist.messageId, {
    content: job.text,
    status: statusOf[job.status],
    stats: job.stats,
    error: job.error?.message,
  });
}
