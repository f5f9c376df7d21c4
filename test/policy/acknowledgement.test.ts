import { acknowledgementAmong, hasReason } from '../../src/policy/acknowledgement';

describe('acknowledgementAmong', () => {
  test.each(['MultipartUpload-MPU1', 'annotation::MultipartUpload-MPU1', 'Annotation::MultipartUpload-MPU1'])(
    'finds the rule recorded as %s', id => {
      expect(acknowledgementAmong({ [id]: 'staging only' }, 'MultipartUpload-MPU1', '/Stack/Bucket')).toEqual({ reason: 'staging only', where: '/Stack/Bucket' });
    },
  );

  test('does not find another rule, or one whose id only contains it', () => {
    expect(acknowledgementAmong({ 'annotation::MultipartUpload-MPU2': 'x', 'x::MultipartUpload-MPU1': 'y' }, 'MultipartUpload-MPU1', '/S')).toBeUndefined();
  });

  test('a reason that is not a string is blank, so the acknowledgement is refused', () => {
    const found = acknowledgementAmong({ 'MultipartUpload-MPU1': 7 }, 'MultipartUpload-MPU1', '/S');
    expect(found).toEqual({ reason: '', where: '/S' });
    expect(hasReason(found!)).toBe(false);
  });
});

test('hasReason refuses a blank reason', () => {
  expect(hasReason({ reason: '  \n', where: '' })).toBe(false);
  expect(hasReason({ reason: 'kept for audit', where: '' })).toBe(true);
});
