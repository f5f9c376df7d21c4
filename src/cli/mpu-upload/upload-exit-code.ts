/** Exit codes of mpu-upload, as documented in --help and the README. */
export enum UploadExitCode {
  OK = 0,
  /** The upload failed; it was aborted, nothing of it is left. */
  FAILED = 1,
  USAGE = 2,
  /** The upload failed, or an older one was found, and its parts could not all be aborted. */
  PARTS_LEFT = 3,
  /** 128 + the signal's number, as shells report it. */
  SIGINT = 130,
  SIGTERM = 143,
}
