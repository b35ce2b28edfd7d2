/** Shown in web mode when the page was opened without the launch token. */
export function NoTokenPage() {
  return (
    <main className="no-token" data-testid="no-token">
      <h1>AlphaTrader needs its session link</h1>
      <p>
        This page was opened without the engine&apos;s session token, so it cannot connect. Open the exact address that{' '}
        <code>npm start</code> printed in the terminal, which looks like:
      </p>
      <pre>AlphaTrader workstation: http://127.0.0.1:8600/?token=…</pre>
      <p className="muted">The token changes on every launch and keeps other local programs and web pages away from the engine.</p>
    </main>
  );
}
