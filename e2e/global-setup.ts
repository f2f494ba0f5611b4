import { ensureWebBuild } from './support/web-build';

/** Once per e2e run: the web app the server serves must be built from the current sources. */
export default async function setup(): Promise<void> {
  await ensureWebBuild();
}
