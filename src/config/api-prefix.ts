/** Where the JSON API is mounted (Nest's global prefix); the web app owns the other paths. */
export const API_PREFIX = 'api/v1';

/** The same as the start of a URL path: '/api/v1'. */
export const API_BASE_PATH = `/${API_PREFIX}`;
