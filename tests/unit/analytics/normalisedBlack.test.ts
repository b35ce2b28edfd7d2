import { describe, expect, it } from 'vitest';
import { normalisedVega, normalisedVolFor, otmNormalisedPrice } from '../../../core/analytics/normalisedBlack';

/**
 * b(x, s) = e^(x/2)Φ(x/s + s/2) − e^(−x/2)Φ(x/s − s/2), the normalised out-of-the-money price, from mpmath at 60 digits
 * at exactly these doubles (h = x/s from −0.5 to −25, t = s/2 from 0.001 to 1.5: both sides of the switch from the
 * closed form to the integral at |h| = 2), printed to 15 digits.
 */
const references: [number, number, number][] = [
  [-0.001, 0.002, 0.000395593013930566], [-0.01, 0.02, 0.00395583027759787], [-0.1, 0.2, 0.039458602641807],
  [-0.5, 1.0, 0.185683012996664], [-1.5, 3.0, 0.349261087654926], [-0.0038, 0.002, 2.2108693678679e-5],
  [-0.038, 0.02, 0.000221078452789782], [-0.38, 0.2, 0.00220231767094867], [-1.9, 1.0, 0.0100354652200181],
  [-5.7, 3.0, 0.0141071357040608], [-0.0042, 0.002, 1.29366204442471e-5], [-0.042, 0.02, 0.0001293611032977],
  [-0.42, 0.2, 0.00128852039577374], [-2.1, 1.0, 0.00585629162274643], [-6.3, 3.0, 0.00803936106020851],
  [-0.006, 0.002, 7.64308303275667e-7], [-0.06, 0.02, 7.64275552837388e-6], [-0.6, 0.2, 7.61007697131463e-5],
  [-3.0, 1.0, 0.000342992417652258], [-9.0, 3.0, 0.000436312179840321], [-0.012, 0.002, 3.12713810183701e-13],
  [-0.12, 0.02, 3.12699058497129e-12], [-1.2, 0.2, 3.11227405766134e-11], [-6.0, 1.0, 1.38799364658519e-10],
  [-18.0, 3.0, 1.60745544379529e-10], [-0.024, 0.002, 2.92103879281056e-37], [-0.24, 0.02, 2.92089612163414e-36],
  [-2.4, 0.2, 2.90666414393111e-35], [-12.0, 1.0, 1.29104371154516e-34], [-36.0, 3.0, 1.44401140994973e-34],
  [-0.05, 0.002, 2.43759287765842e-142], [-0.5, 0.02, 2.43747260163565e-141], [-5.0, 0.2, 2.42547492101534e-140],
  [-25.0, 1.0, 1.07601027534541e-139], [-75.0, 3.0, 1.19129769201441e-139],
];

describe('the normalised Black price', () => {
  it('matches 60-digit references to 1e-12 relative, down to prices of 1e-142', () => {
    for (const [x, s, want] of references) {
      expect(Math.abs(otmNormalisedPrice(x, s) / want - 1), `x=${x} s=${s}`).toBeLessThan(1e-12);
    }
  });

  it('is inverted by normalisedVolFor to the total vol it came from', () => {
    for (const [x, s, price] of references) {
      const solved = normalisedVolFor(price, x);
      // The vol is pinned to the price's own precision (1e-15) divided by its elasticity s·vega/b.
      const pinned = 1e-14 * (price / (s * normalisedVega(x, s)));
      expect(Math.abs(solved / s - 1), `x=${x} s=${s}`).toBeLessThan(Math.max(1e-13, pinned));
    }
  });
});
