import { jsonKindOf } from './json-kind';

/**
 * USD per GB-month (GB = 2^30 bytes, as S3 bills) by storage class: S3's
 * published us-east-1 prices for the first 50 TB. Parts of an incomplete
 * upload are billed in the storage class the upload was started with.
 * Override with `--price-table FILE` (a JSON object of the same shape).
 */
export const DEFAULT_PRICES_USD_PER_GB_MONTH: Readonly<Record<string, number>> = {
  STANDARD: 0.023,
  INTELLIGENT_TIERING: 0.023,
  STANDARD_IA: 0.0125,
  ONEZONE_IA: 0.01,
  GLACIER_IR: 0.004,
  GLACIER: 0.0036,
  DEEP_ARCHIVE: 0.00099,
  REDUCED_REDUNDANCY: 0.024,
  EXPRESS_ONEZONE: 0.11,
};

const BYTES_PER_GB = 2 ** 30;

export type PriceTable = Readonly<Record<string, number>>;

/** The estimated monthly cost of `bytes` in `storageClass`; an unknown class is priced as STANDARD. */
export function monthlyCostUsd(bytes: number, storageClass: string, prices: PriceTable = DEFAULT_PRICES_USD_PER_GB_MONTH): number {
  const price = prices[storageClass] ?? prices.STANDARD ?? DEFAULT_PRICES_USD_PER_GB_MONTH.STANDARD;
  return (bytes / BYTES_PER_GB) * price;
}

/**
 * Checks a price table read from `source`: an object of storage class to a
 * price >= 0. Merged over the defaults so that a table may list only some classes.
 * Its errors quote nothing of the file but the names of the storage classes S3 has.
 */
export function priceTableFrom(source: string, value: unknown): PriceTable {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${source} must hold a JSON object of storage class to USD per GB-month, like {"STANDARD": 0.023} (got ${jsonKindOf(value)})`);
  }
  Object.entries(value).forEach(([storageClass, price], index) => {
    if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
      const which = Object.hasOwn(DEFAULT_PRICES_USD_PER_GB_MONTH, storageClass) ? storageClass : `entry ${index + 1}`;
      throw new Error(`${source}: the price of ${which} must be a number >= 0 (got ${typeof price === 'number' ? 'a negative number' : jsonKindOf(price)})`);
    }
  });
  return { ...DEFAULT_PRICES_USD_PER_GB_MONTH, ...(value as Record<string, number>) };
}
