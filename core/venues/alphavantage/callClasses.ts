import type { CallClass, DataType } from '../../contract/alphaVantageStatus';

export type { CallClass, DataType };

/** The budget classes, in the order they are served when calls are short. */
export const CALL_CLASSES: readonly CallClass[] = ['options', 'sentiment', 'technicals'];

export function callClassOf(dataType: DataType): CallClass {
  return dataType === 'options' || dataType === 'sentiment' ? dataType : 'technicals';
}
