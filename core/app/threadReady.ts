/** What a worker thread posts once it can take calls (its code loaded, its Redis connection up or given up on). */
export const READY = 'ready';
