/**
 * Sign-in: the pasted token lives in sessionStorage (this tab only, gone when it closes) and is
 * never logged or put in a URL. `GET /me` says who it is and what the role allows.
 */
import { Api, ApiError } from './api.js';

export interface Me {
  readonly actor: string;
  readonly roles: readonly string[];
  /** Provinces a manager may write; null: all. */
  readonly provinces: readonly string[] | null;
}

const TOKEN_KEY = 'kawasan.token';

export class Session {
  me: Me | null = null;
  readonly api: Api;

  constructor(commandUrl: string | null) {
    this.api = new Api(() => this.token, commandUrl);
  }

  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  /** Checks a token against /me; keeps it only if accepted. */
  async signIn(token: string): Promise<Me> {
    sessionStorage.setItem(TOKEN_KEY, token.trim());
    try {
      return await this.restore();
    } catch (error) {
      this.signOut();
      throw error;
    }
  }

  /** Re-reads who the stored token is (on load, or after a refused command). */
  async restore(): Promise<Me> {
    if (!this.token) throw new ApiError(401, 'unauthorized', 'no token');
    this.me = await this.api.get<Me>('/me');
    return this.me;
  }

  signOut(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    this.me = null;
  }

  private has(...roles: string[]): boolean {
    const mine = this.me?.roles ?? [];
    return mine.includes('admin') || roles.some((r) => mine.includes(r));
  }

  get canRead(): boolean {
    return this.has('viewer', 'auditor');
  }

  get canAudit(): boolean {
    return this.has('auditor');
  }

  get canWrite(): boolean {
    return this.has('manager') && this.api.commandUrl !== null;
  }

  /** Whether the forms for a project in `province` should be offered. */
  canWriteIn(province: string): boolean {
    if (!this.canWrite || !this.me) return false;
    if (this.me.roles.includes('admin') || this.me.provinces === null) return true;
    return this.me.provinces.includes(province);
  }
}
