/**
 * Whether a `[target.<spec>]` table applies to a Linux target triple: `spec` is a triple or a
 * `cfg(...)` expression (all/any/not, `key = "value"`, bare names such as `unix`). Only the facts of
 * the x86_64/aarch64 Linux triples this library builds are known; `feature = "..."` counts as unset.
 */
export function targetMatches(spec: string, triple: string): boolean {
  const s = spec.trim();
  if (!s.startsWith('cfg(')) return s === triple;
  const facts = factsFor(triple);
  const p = new CfgParser(s.slice(4, s.lastIndexOf(')')));
  const result = p.expr(facts);
  return result;
}

/** The cfg facts of a triple such as `aarch64-unknown-linux-musl`. */
export function factsFor(triple: string): Map<string, Set<string>> {
  const [arch, vendor, os, env = ''] = triple.split('-');
  const width = /64/.test(arch) ? '64' : '32';
  const facts = new Map<string, Set<string>>([
    ['target_arch', new Set([arch])],
    ['target_vendor', new Set([vendor])],
    ['target_os', new Set([os])],
    ['target_env', new Set([env.replace(/eabi.*$/, '')])],
    ['target_family', new Set(['unix'])],
    ['target_pointer_width', new Set([width])],
    ['target_endian', new Set(['little'])],
    ['target_has_atomic', new Set(['8', '16', '32', 'ptr', ...(width === '64' ? ['64'] : [])])],
    ['panic', new Set(['unwind'])],
    ['unix', new Set([''])],
  ]);
  return facts;
}

class CfgParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  public expr(facts: Map<string, Set<string>>): boolean {
    this.ws();
    const ident = this.ident();
    this.ws();
    if (this.peek() === '(') {
      this.pos++;
      const args: boolean[] = [];
      this.ws();
      while (this.peek() !== ')' && this.pos < this.src.length) {
        args.push(this.expr(facts));
        this.ws();
        if (this.peek() === ',') this.pos++;
        this.ws();
      }
      this.pos++;
      if (ident === 'all') return args.every((a) => a);
      if (ident === 'any') return args.some((a) => a);
      if (ident === 'not') return !args[0];
      return false;
    }
    if (this.peek() === '=') {
      this.pos++;
      this.ws();
      const value = this.string();
      return facts.get(ident)?.has(value) ?? false;
    }
    return facts.has(ident) && facts.get(ident)!.has('');
  }

  private ident(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos));
    const id = m ? m[0] : '';
    this.pos += id.length;
    return id;
  }

  private string(): string {
    if (this.peek() !== '"') return '';
    const end = this.src.indexOf('"', this.pos + 1);
    const v = this.src.slice(this.pos + 1, end);
    this.pos = end + 1;
    return v;
  }

  private ws(): void {
    while (/\s/.test(this.peek())) this.pos++;
  }

  private peek(): string {
    return this.src[this.pos] ?? '';
  }
}
