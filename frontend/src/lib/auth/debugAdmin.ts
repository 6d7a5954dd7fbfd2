/**
 * In debug mode, while the admin that `make run` created still has its first
 * password, the server puts `<meta name="debug-admin" content="admin admin">`
 * into the page; the sign-in form says how to sign in.
 */
export function readDebugAdmin(doc: Document = document): { username: string; password: string } | null {
  const content = doc.querySelector('meta[name="debug-admin"]')?.getAttribute('content')?.trim();
  if (!content) return null;
  const [username, ...rest] = content.split(/\s+/);
  const password = rest.join(' ');
  return username && password ? { username, password } : null;
}
