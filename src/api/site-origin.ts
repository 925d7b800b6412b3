/**
 * The site's absolute address, for the outputs that must carry one (the feed, the sitemap, `robots.txt`,
 * the API's links to the next page). There is no configured base URL: the address is the one the request
 * came to, its protocol and `Host` (without the scheme's default port). A `Host` that is not a plain host name (or address) and port is not
 * echoed back: `localhost` stands in for it, so that no header can write markup or another origin's path
 * into an answer.
 *
 * @example siteOrigin({ protocol: 'https', host: 'example.org' }) // 'https://example.org'
 */
export function siteOrigin(request: { protocol: string; host: string }): string {
  const host = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/.test(request.host) ? request.host.toLowerCase() : 'localhost';
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  // The scheme's own port is left out: `http://example.org`, not `http://example.org:80`.
  const port = protocol === 'https' ? ':443' : ':80';
  return `${protocol}://${host.endsWith(port) ? host.slice(0, -port.length) : host}`;
}
