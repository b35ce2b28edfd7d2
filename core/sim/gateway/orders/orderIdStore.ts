import fs from 'node:fs';
import path from 'node:path';

interface ClientIds {
  /** Highest order id placed by this clientId. */
  used: number;
  /** Highest id handed out by nextValidId (reqIds advances it so concurrent placeNewOrder calls never collide). */
  issued: number;
}

/**
 * The order-id high-water mark per clientId, persisted so a restarted gateway still rejects reused ids (103)
 * and hands out ids above everything ever used.
 */
export class OrderIdStore {
  private readonly file: string;
  private readonly ids = new Map<number, ClientIds>();

  constructor(stateDir: string) {
    fs.mkdirSync(stateDir, { recursive: true });
    this.file = path.join(stateDir, 'order-ids.json');
    this.load();
  }

  /** The id a client should use next (what NEXT_VALID_ID carries). */
  nextValidId(clientId: number): number {
    const e = this.entry(clientId);
    return Math.max(e.used, e.issued) + 1;
  }

  /** reqIds: hands out the next id and remembers it was issued. */
  issue(clientId: number): number {
    const id = this.nextValidId(clientId);
    this.entry(clientId).issued = id;
    this.save();
    return id;
  }

  /** True when the id is at or below the highest id this client already placed. */
  isUsed(clientId: number, orderId: number): boolean {
    return orderId <= this.entry(clientId).used;
  }

  markUsed(clientId: number, orderId: number): void {
    const e = this.entry(clientId);
    if (orderId <= e.used) return;
    e.used = orderId;
    this.save();
  }

  private entry(clientId: number): ClientIds {
    let e = this.ids.get(clientId);
    if (!e) this.ids.set(clientId, (e = { used: 0, issued: 0 }));
    return e;
  }

  private load(): void {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    try {
      const data = JSON.parse(text) as Record<string, Partial<ClientIds>>;
      for (const [k, v] of Object.entries(data)) {
        this.ids.set(Number(k), { used: Number(v.used) || 0, issued: Number(v.issued) || 0 });
      }
    } catch (e) {
      throw new Error(`order-id state file ${this.file} is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Write-then-rename so a crash never leaves a half-written file. */
  private save(): void {
    const data = Object.fromEntries([...this.ids.entries()].map(([k, v]) => [String(k), v]));
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data));
    fs.renameSync(tmp, this.file);
  }
}
