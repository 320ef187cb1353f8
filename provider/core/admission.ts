/**
 * Admission lets at most `limit` callers of one account run at once, in arrival order. A caller that waits holds
 * only its place in line, so work queued far behind a rate limit (a thousand creates of an `up --parallel 1000` behind
 * a CreateInstances budget of five a second) builds its state when its turn comes, not all at once on arrival.
 */
export class Admission {
  private inside = 0;
  private readonly line: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** waiting is how many callers wait for their turn. */
  get waiting(): number {
    return this.line.length;
  }

  /** run calls `fn` once fewer than `limit` others run, and lets the next caller in when it settles. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inside < this.limit) this.inside++;
    else await new Promise<void>((enter) => this.line.push(enter));
    try {
      return await fn();
    } finally {
      // The place passes straight to the next in line, so a caller arriving meanwhile cannot overtake it.
      const next = this.line.shift();
      if (next) next();
      else this.inside--;
    }
  }
}

/**
 * CREATES_AT_ONCE is how many new fleets of one account prepare and send their CreateInstances at once. The fastest
 * create budget of the four clouds is ten calls a second: twenty in flight keep it busy with calls that take up to two
 * seconds, and the rest wait without state of their own.
 */
export const CREATES_AT_ONCE = 20;

const admissions = new Map<string, Admission>();

/** createAdmission is the account's shared line of new fleets waiting to send their CreateInstances. */
export function createAdmission(account: string): Admission {
  let a = admissions.get(account);
  if (!a) admissions.set(account, (a = new Admission(CREATES_AT_ONCE)));
  return a;
}
