/** Requests as a browser on our own pages sends them: same Origin, form-encoded. */
export const ORIGIN = 'http://localhost:3000';

type Requester = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

export function formBody(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      p.append(k, x);
    }
  }
  return p.toString();
}

export function postForm(
  app: Requester,
  path: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    body: formBody(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
  });
}
