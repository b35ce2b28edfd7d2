import { createContext, useContext } from 'react';
import type { EngineClient } from './engineClient';

export const EngineClientContext = createContext<EngineClient | null>(null);

export function useEngineClient(): EngineClient {
  const client = useContext(EngineClientContext);
  if (!client) throw new Error('useEngineClient outside <EngineClientContext.Provider>');
  return client;
}
