/** A small seeded PRNG (mulberry32) so every run seeds the same data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** A documentId in Strapi's format: 24 lowercase alphanumerics. */
const randomId = (random) => Array.from({ length: 24 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');

module.exports = { prng, randomId };
