export declare const ENGINE_V8_FLAGS: string[];
