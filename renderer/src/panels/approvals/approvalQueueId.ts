/** The element Alt+Shift+A puts the focus in: the queue's keys work from there (kept apart so the registry need not load the panel). */
export const APPROVAL_QUEUE_ID = 'approval-queue';
