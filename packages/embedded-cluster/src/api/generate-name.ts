import { randomInt } from "node:crypto";

// apiserver/pkg/storage/names/generate.go and apimachinery/pkg/util/rand/rand.go:
// the base is cut to 58 characters and 5 characters of this alphabet (no vowels, no confusables) are added.
const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;

export function generateName(base: string): string {
  const cut = base.slice(0, MAX_NAME_LENGTH - RANDOM_LENGTH);
  let suffix = "";
  for (let i = 0; i < RANDOM_LENGTH; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return cut + suffix;
}
