// apiserver pkg/storage/names/generate.go: a name made from `generateName` is the base cut to
// 58 characters, then 5 random characters of apimachinery pkg/util/rand's alphabet.
const MAX_BASE_LENGTH = 58;
const RANDOM_SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/**
 * Whether `name` may have been generated from `generateName` (a ReplicaSet names its pods
 * `<replicaset>-` + 5 characters): so that events of a pod that is gone are still recognised.
 */
export function generatedFrom(generateName: string, name: string): boolean {
  const base = generateName.slice(0, MAX_BASE_LENGTH);
  return name.startsWith(base) && RANDOM_SUFFIX.test(name.slice(base.length));
}
