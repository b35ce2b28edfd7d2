/** The one IPC channel that carries the contract (protocol messages both ways). */
export const CONTRACT_CHANNEL = 'alphatrader:contract';
