/**
 * The licence of the public data: every output of the public database (API answers, exports, the dump, the
 * feed) may be reused by anyone, for any purpose, with attribution. The software itself is under the
 * AGPL; this is the data's own licence, stated in the API's description, on its page and in a `Link`
 * header of each download.
 */
export const DATA_LICENCE = {
  name: 'Creative Commons Attribution 4.0 International (CC BY 4.0)',
  spdx: 'CC-BY-4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

/** The `Link` header that names the licence of a download (RFC 8288, `rel="license"`). */
export const LICENCE_LINK_HEADER = `<${DATA_LICENCE.url}>; rel="license"`;
