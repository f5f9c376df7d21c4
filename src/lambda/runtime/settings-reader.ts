/**
 * Reads the JSON settings a construct hands its function in one environment variable,
 * field by field: a garbled deploy fails the run with the variable and field named,
 * instead of running with guesses.
 */
export class SettingsReader {
  private readonly value: Record<string, unknown>;

  constructor(private readonly variable: string, json: string | undefined, construct: string) {
    if (json === undefined || json === '') throw new Error(`${variable} is not set: deploy the function with the ${construct} construct`);
    try {
      this.value = JSON.parse(json);
    } catch {
      throw new Error(`${variable} is not JSON: ${json.slice(0, 80)}`);
    }
  }

  public text(field: string): string {
    const value = this.value[field];
    if (typeof value !== 'string' || value === '') throw this.wrong(field, 'a non-empty string');
    return value;
  }

  public texts(field: string, minLength = 0): string[] {
    const list = this.value[field];
    if (!Array.isArray(list) || list.length < minLength || !list.every(item => typeof item === 'string' && item !== '')) {
      throw this.wrong(field, minLength > 0 ? 'a non-empty list of non-empty strings' : 'a list of non-empty strings');
    }
    return list;
  }

  public whole(field: string, min: number): number {
    const value = this.value[field];
    if (!Number.isInteger(value) || (value as number) < min) throw this.wrong(field, `a whole number >= ${min}`);
    return value as number;
  }

  public wholeOrNull(field: string, min: number): number | null {
    return this.value[field] === null ? null : this.whole(field, min);
  }

  public flag(field: string): boolean {
    const value = this.value[field];
    if (typeof value !== 'boolean') throw this.wrong(field, 'true or false');
    return value;
  }

  private wrong(field: string, expected: string): Error {
    return new Error(`${this.variable}.${field} must be ${expected} (got ${JSON.stringify(this.value[field])})`);
  }
}
