/**
 * A d3-geo path context that writes compact SVG path data: coordinates rounded to 0.1 px and
 * written relative to the previous point, so the world map stays small enough to inline in the
 * statement page (README.md, Pictures). Deltas are taken between *rounded* absolute points, so
 * rounding errors never accumulate along a coastline.
 */
export class CompactPath {
  private out = '';
  private x = 0;
  private y = 0;
  private startX = 0;
  private startY = 0;
  private pending = '';

  /** Tenths of a pixel as an integer. */
  private static tenths(v: number): number {
    return Math.round(v * 10);
  }

  /** A number of tenths written as pixels, shortest form: 5 → ".5", -15 → "-1.5", 20 → "2". */
  static num(tenths: number): string {
    const neg = tenths < 0;
    const a = Math.abs(tenths);
    const whole = Math.floor(a / 10);
    const frac = a % 10;
    const body = frac === 0 ? String(whole) : whole === 0 ? `.${frac}` : `${whole}.${frac}`;
    return neg ? `-${body}` : body;
  }

  /** Two numbers joined with the least separator SVG allows ("1 2", "1-2", ".5.5"). */
  private pair(dx: number, dy: number, joinToPrevious: boolean): string {
    const a = CompactPath.num(dx);
    const b = CompactPath.num(dy);
    return sep(this.pending, a, joinToPrevious) + a + sep(a, b, true) + b;
  }

  moveTo(px: number, py: number): void {
    const X = CompactPath.tenths(px);
    const Y = CompactPath.tenths(py);
    // The first move is relative to the origin, i.e. absolute.
    const s = `m${this.pair(X - this.x, Y - this.y, false)}`;
    this.out += s;
    this.pending = s;
    this.x = this.startX = X;
    this.y = this.startY = Y;
  }

  lineTo(px: number, py: number): void {
    const X = CompactPath.tenths(px);
    const Y = CompactPath.tenths(py);
    if (X === this.x && Y === this.y) {
      return;
    }
    // After "m", further pairs are implicit relative line-tos: no command letter needed.
    const s = this.pair(X - this.x, Y - this.y, true);
    this.out += s;
    this.pending = s;
    this.x = X;
    this.y = Y;
  }

  closePath(): void {
    this.out += 'z';
    this.pending = 'z';
    this.x = this.startX;
    this.y = this.startY;
  }

  /** Points are not drawn on the map (countries are polygons). */
  arc(): void {}

  beginPath(): void {}

  /** The path data so far. */
  result(): string {
    return this.out;
  }
}

/** The separator needed between the text before and a number: none before "-", or ".5" after "1.5". */
function sep(before: string, next: string, joining: boolean): string {
  if (!joining || before === '' || /[a-z]$/i.test(before)) {
    return '';
  }
  if (next.startsWith('-')) {
    return '';
  }
  // ".5" right after a number that already has a decimal point starts a new number.
  if (next.startsWith('.') && /\.\d*$/.test(before)) {
    return '';
  }
  return ' ';
}
