import { randomSecret, safeEqual } from '../auth/secrets';

/**
 * The one-time first-run token: printed by `banso serve` while no organisation
 * exists, kept only in this process's memory, spent by the first setup.
 */
export class SetupToken {
  private token: string | null = null;

  issue(): string {
    this.token ??= randomSecret(24);
    return this.token;
  }

  matches(candidate: string): boolean {
    return this.token !== null && safeEqual(this.token, candidate);
  }

  spend(): void {
    this.token = null;
  }
}
