/**
 * A listen() error as a sentence that says which port and how to choose another:
 * "port 8600 is in use; choose another with --port". Any other error is returned as it is.
 */
export function listenFailure(error: unknown, port: number, howToChange: string): Error {
  const { code, syscall, message } = error as NodeJS.ErrnoException;
  if (syscall !== 'listen') return error instanceof Error ? error : new Error(String(error));
  const problem =
    code === 'EADDRINUSE' ? `port ${port} is in use`
    : code === 'EACCES' ? `port ${port} needs administrator rights`
    : `cannot listen on 127.0.0.1:${port} (${message})`;
  return new Error(`${problem}; ${howToChange}`, { cause: error });
}
