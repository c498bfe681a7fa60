/** For logs and messages: an EVENT_STORE_URL (or any URL) with its user and password masked. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1***@');
}
