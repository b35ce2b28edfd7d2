const storageKey = 'alphatrader.sessionToken';

/**
 * The web bridge's per-launch token arrives as ?token= in the URL printed by `npm start`. It is kept in
 * sessionStorage (so a reload works) and removed from the visible URL (so it is not shared by a screenshot).
 */
export function takeSessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(storageKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return sessionStorage.getItem(storageKey);
}
