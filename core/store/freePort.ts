import net from 'node:net';

/** Below Linux's ephemeral range (32768–60999): no outgoing connection is ever given one of these as its own port. */
const FIRST = 20_000;
const LAST = 32_767;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free TCP port on 127.0.0.1 for a server that binds it a moment later (a redis-server, a gateway). It is picked
 * at random below the ephemeral range: a port the OS hands out with listen(0) can be taken meanwhile as the local
 * port of any outgoing connection (a browser's, a Redis client's), and the server then fails with EADDRINUSE.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port between ${FIRST} and ${LAST} after 200 tries`);
}
