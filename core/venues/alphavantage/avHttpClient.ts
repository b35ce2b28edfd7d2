import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import type { AvRequest } from './avRequests';
import { AvError } from './avError';

export interface AvHttpOptions {
  baseUrl: string;
  apiKey: string;
  /** Deadline for a whole answer (a slow trickle counts), ms. */
  timeoutMs: number;
  /** Aborts every request in flight (module stop). */
  signal: AbortSignal;
}

/**
 * One GET /query per call: the answer's body as bytes (a chain is scanned as bytes; other answers are decoded by
 * their reader), or an AvError for HTTP failures and timeouts.
 */
export class AvHttpClient {
  private readonly http: AxiosInstance;
  private readonly agents = [new http.Agent({ keepAlive: true, maxSockets: 16 }), new https.Agent({ keepAlive: true, maxSockets: 16 })] as const;

  constructor(private readonly options: AvHttpOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      responseType: 'arraybuffer', // a Buffer in Node: a 4 MB chain is not decoded to text only to be encoded back
      // The body is parsed by readAnswer, so a truncated answer is reported as such, not as an axios error.
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      httpAgent: this.agents[0],
      httpsAgent: this.agents[1],
      maxRedirects: 3,
    });
  }

  /** Closes kept-alive sockets. */
  close(): void {
    for (const agent of this.agents) agent.destroy();
  }

  async get(request: AvRequest): Promise<Buffer> {
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    let response;
    try {
      response = await this.http.get<Buffer>('/query', {
        params: { ...request.params, apikey: this.options.apiKey },
        signal: AbortSignal.any([deadline, this.options.signal]),
      });
    } catch (error) {
      if (deadline.aborted) throw new AvError('timeout', `${request.label}: no complete answer within ${this.options.timeoutMs} ms`, true);
      if (this.options.signal.aborted) throw new AvError('http', `${request.label}: cancelled (ingestion stopping)`, false);
      const code = axios.isAxiosError(error) ? (error.code ?? '') : '';
      throw new AvError('http', `${request.label}: request failed: ${code} ${(error as Error).message}`.trim(), true);
    }
    const { status } = response;
    if (status === 429) throw new AvError('throttled', `${request.label}: HTTP 429 Too Many Requests`, true);
    if (status >= 500) throw new AvError('http', `${request.label}: HTTP ${status} from Alpha Vantage`, true);
    if (status >= 400) throw new AvError('http', `${request.label}: HTTP ${status} from Alpha Vantage`, false);
    return Buffer.isBuffer(response.data) ? response.data : Buffer.from(response.data);
  }
}
