/** The file cannot be uploaded as it is (missing, unreadable, not a regular file, larger than S3 takes); nothing was sent. */
export class UploadInputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UploadInputError';
  }
}
