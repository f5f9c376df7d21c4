import { monthlyCostUsd, PriceTable } from './pricing';
import { UploadReport } from './report';
import { PartsTotal } from '../s3/s3-port';

/** An upload of the report while its parts are being summed. */
export type MutableUploadReport = { -readonly [K in keyof UploadReport]: UploadReport[K] };

/** A bucket's counts, added up one upload at a time. */
export class UploadTally {
  public orphans = 0;
  public orphanParts = 0;
  public orphanBytes = 0;
  public oldestOrphan: string | null = null;
  public young = 0;
  public youngBytes = 0;
  /** Orphans kept on purpose, also counted in `orphans` and `orphanBytes`. */
  public keptOrphans = 0;
  public keptOrphanBytes = 0;
  public readonly list: MutableUploadReport[] = [];
  /** Orphaned bytes per storage class: whole numbers, so the cost does not depend on the order sums come in. */
  private readonly orphanBytesByClass = new Map<string, number>();

  public add(entry: MutableUploadReport, parts: PartsTotal | undefined): void {
    entry.parts = parts?.parts ?? null;
    entry.bytes = parts?.bytes ?? null;
    const bytes = parts?.bytes ?? 0;
    if (!entry.orphan) {
      this.young++;
      this.youngBytes += bytes;
      return;
    }
    this.orphans++;
    this.orphanParts += parts?.parts ?? 0;
    this.orphanBytes += bytes;
    if (entry.kept !== null) {
      this.keptOrphans++;
      this.keptOrphanBytes += bytes;
    }
    this.orphanBytesByClass.set(entry.storageClass, (this.orphanBytesByClass.get(entry.storageClass) ?? 0) + bytes);
    if (this.oldestOrphan === null || entry.initiated < this.oldestOrphan) this.oldestOrphan = entry.initiated;
  }

  public orphanCostUsd(prices: PriceTable): number {
    return [...this.orphanBytesByClass].reduce((usd, [storageClass, bytes]) => usd + monthlyCostUsd(bytes, storageClass, prices), 0);
  }
}
